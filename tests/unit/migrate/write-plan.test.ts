/**
 * The writer of `npm run migrate` (tools/migrate/write-plan.ts): hand-made plans written into
 * temporary folders, one rule per test (writes and copies, refuses what is unsafe or would be lost,
 * leaves identical files alone, a dry run writes nothing).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationPlan, PlannedFile } from '#tools/migrate/plan.ts';
import { checkPlan, previewPlan, writePlan } from '#tools/migrate/write-plan.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new temporary folder, removed after the test. */
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'write-plan-'));
  made.push(dir);
  return dir;
}

/** A plan of `files` with zero counts (the writer never looks at them). */
function plan(files: readonly PlannedFile[]): MigrationPlan {
  return {
    files,
    notes: [],
    counts: {
      pages: {},
      stories: 0,
      pairs: 0,
      speakers: 0,
      tags: 0,
      images: 0,
      aliases: 0,
      converted: {},
      otherLocales: {},
    },
  };
}

/** Binary bytes, including ones that are not valid UTF-8, as an image would have. */
const IMAGE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x80]);

/** A source folder with one image, and a plan writing a story and copying the image. */
function storyPlan(): { source: string; plan: MigrationPlan } {
  const source = temp();
  writeFileSync(join(source, 'photo.png'), IMAGE);
  return {
    source,
    plan: plan([
      { path: 'articles/2024/hello/en.md', text: '---\ntitle: Hello\n---\n\nBody\n' },
      { path: 'articles/2024/hello/photo.png', copyFrom: join(source, 'photo.png') },
      { path: 'speakers/jane-doe.yaml', text: 'name: Jane Doe\n' },
    ]),
  };
}

describe('writePlan', () => {
  it('writes text files and byte-exact copies, creating folders (and the output folder)', async () => {
    const out = join(temp(), 'content');
    const { plan: p } = storyPlan();
    const progress: string[] = [];
    const outcome = await writePlan(p, out, { force: false, onProgress: (d, t) => progress.push(`${d}/${t}`) });
    expect(outcome).toMatchObject({ written: 3, unchanged: 0 });
    expect(readFileSync(join(out, 'articles/2024/hello/en.md'), 'utf8')).toBe('---\ntitle: Hello\n---\n\nBody\n');
    expect(readFileSync(join(out, 'articles/2024/hello/photo.png')).equals(IMAGE)).toBe(true);
    expect(readFileSync(join(out, 'speakers/jane-doe.yaml'), 'utf8')).toBe('name: Jane Doe\n');
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
  });

  it('leaves identical files untouched, so a second run says "unchanged"', async () => {
    const out = temp();
    const { plan: p } = storyPlan();
    await writePlan(p, out, { force: false });
    const again = await writePlan(p, out, { force: false });
    expect(again).toMatchObject({ written: 0, unchanged: 3 });
    expect(again.files.map((f) => f.state)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('refuses an existing file with other content without --force, and replaces it with --force', async () => {
    const out = temp();
    mkdirSync(join(out, 'speakers'));
    writeFileSync(join(out, 'speakers/jane-doe.yaml'), 'name: Someone Else\n');
    const { plan: p } = storyPlan();
    const problems = await checkPlan(p, out, { force: false });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('speakers/jane-doe.yaml');
    expect(problems[0]?.message).toMatch(/already exists with other content.*--force/);
    await expect(writePlan(p, out, { force: false })).rejects.toThrow(/--force/);
    // Refused before the first write: nothing else appeared.
    expect(existsSync(join(out, 'articles'))).toBe(false);
    expect(await checkPlan(p, out, { force: true })).toEqual([]);
    const outcome = await writePlan(p, out, { force: true });
    expect(outcome.files.find((f) => f.path === 'speakers/jane-doe.yaml')?.state).toBe('replace');
    expect(readFileSync(join(out, 'speakers/jane-doe.yaml'), 'utf8')).toBe('name: Jane Doe\n');
  });

  it('refuses a path with "..", an absolute path and a path given twice', async () => {
    const out = temp();
    const problems = await checkPlan(
      plan([
        { path: '../escape.md', text: 'x' },
        { path: '/etc/escape.md', text: 'x' },
        { path: 'a/b.md', text: 'x' },
        { path: 'a/b.md', text: 'y' },
      ]),
      out,
      { force: true },
    );
    expect(problems.map((p) => p.path)).toEqual(['a/b.md', '../escape.md', '/etc/escape.md']);
    expect(problems[1]?.message).toMatch(/not a path inside/);
    expect(problems[2]?.message).toMatch(/not a path inside/);
    await expect(writePlan(plan([{ path: '../escape.md', text: 'x' }]), out, { force: true })).rejects.toThrow();
    expect(existsSync(join(out, '..', 'escape.md'))).toBe(false);
  });

  it('refuses a symlinked folder inside the output folder, even with --force', async () => {
    const out = temp();
    const elsewhere = temp();
    mkdirSync(join(out, 'articles'));
    symlinkSync(elsewhere, join(out, 'articles/2024'));
    const p = plan([{ path: 'articles/2024/hello/en.md', text: 'x' }]);
    const problems = await checkPlan(p, out, { force: true });
    expect(problems[0]?.message).toMatch(/symbolic link/);
    await expect(writePlan(p, out, { force: true })).rejects.toThrow(/symbolic link/);
    expect(existsSync(join(elsewhere, 'hello'))).toBe(false);
  });

  it('refuses a symlinked output folder and a symlinked target file', async () => {
    const real = temp();
    const link = join(temp(), 'content');
    symlinkSync(real, link);
    expect((await checkPlan(plan([{ path: 'a.md', text: 'x' }]), link, { force: true }))[0]?.message).toMatch(
      /output folder .* symbolic link/,
    );
    writeFileSync(join(real, 'target.md'), 'x');
    symlinkSync(join(real, 'target.md'), join(real, 'b.md'));
    expect((await checkPlan(plan([{ path: 'b.md', text: 'x' }]), real, { force: true }))[0]?.message).toMatch(
      /symbolic link/,
    );
  });

  it('refuses a copyFrom that is a symbolic link or missing', async () => {
    const out = temp();
    const source = temp();
    writeFileSync(join(source, 'real.png'), IMAGE);
    symlinkSync(join(source, 'real.png'), join(source, 'link.png'));
    const problems = await checkPlan(
      plan([
        { path: 'a/link.png', copyFrom: join(source, 'link.png') },
        { path: 'a/missing.png', copyFrom: join(source, 'missing.png') },
      ]),
      out,
      { force: true },
    );
    expect(problems.map((p) => p.path)).toEqual(['a/link.png', 'a/missing.png']);
    expect(problems[0]?.message).toMatch(/symbolic link/);
    expect(problems[1]?.message).toMatch(/does not exist/);
  });
});

describe('previewPlan (--dry-run)', () => {
  it('tells what each file would do and writes nothing', async () => {
    const out = temp();
    mkdirSync(join(out, 'speakers'));
    writeFileSync(join(out, 'speakers/jane-doe.yaml'), 'name: Jane Doe\n');
    const { plan: p } = storyPlan();
    const preview = await previewPlan(p, out, { force: false });
    expect(preview.problems).toEqual([]);
    expect(preview.files.map((f) => `${f.state} ${f.path}`)).toEqual([
      'new articles/2024/hello/en.md',
      'new articles/2024/hello/photo.png',
      'unchanged speakers/jane-doe.yaml',
    ]);
    expect(existsSync(join(out, 'articles'))).toBe(false);
  });

  it('does not create a missing output folder', async () => {
    const out = join(temp(), 'content');
    const preview = await previewPlan(storyPlan().plan, out, { force: false });
    expect(preview.files).toHaveLength(3);
    expect(existsSync(out)).toBe(false);
  });
});
