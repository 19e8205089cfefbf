#!/usr/bin/env node
/**
 * Measures the project on one converted real-world corpus (see convert.ts): runs `npm run check`,
 * the production build and `npm run check:links` the way an editor would, one after the other, and
 * prints the figures the issue notes ask for: files, check time, problems by kind, build time,
 * pages, broken links, and whether the build crashed and why.
 *
 * Builds take the same lock as the integration tests (tests/integration/build-site.ts), because
 * Astro writes generated modules into the project's `.astro/` folder and two builds would race.
 * Run with Node 24: `node tests/real-content/measure.ts <content-dir> [--root <project>] [--json <file>]`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const HELP = `Usage: node tests/real-content/measure.ts <content-dir> [--root <project>] [--name <label>] [--json <file>] [--no-build]

Runs the checker, the build (when the check has no errors) and the link checker on a content folder,
and prints files, times, problems by kind, pages and broken links.
  --root <dir>   the project to measure (default: this repository), e.g. an exported older commit
  --name <text>  label for the output
  --json <file>  also write the figures as JSON
  --no-build     check only`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    root: { type: 'string' },
    name: { type: 'string' },
    json: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || positionals.length !== 1) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}
const contentDir = path.resolve(positionals[0] ?? '');
const root = path.resolve(values.root ?? path.join(import.meta.dirname, '../..'));
const name = values.name ?? path.basename(path.dirname(contentDir));

/** What a child process printed, how it ended and how long it took. */
interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Runs a Node script of the measured project with Node 24 (this process's binary). */
function run(script: string, args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, script), ...args], {
      cwd: root,
      env: { ...process.env, GITHUB_ACTIONS: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({ status, stdout, stderr, seconds: Math.round((performance.now() - started) / 10) / 100 }),
    );
  });
}

/** The pid written in a lock folder, 0 while it is not written yet. */
function lockOwner(lockDir: string): number {
  try {
    return Number(readFileSync(path.join(lockDir, 'pid'), 'utf8')) || 0;
  } catch {
    return 0;
  }
}

/** Holds the integration tests' build lock (same folder and protocol as tests/integration/build-site.ts). */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  const lockDir = path.join(root, 'node_modules', '.cache', 'news-archive-build.lock');
  mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch {
      const owner = lockOwner(lockDir);
      // A lock whose pid is not written yet belongs to a live owner between its mkdir and writeFile.
      let alive = true;
      try {
        if (owner > 0) process.kill(owner, 0);
      } catch {
        alive = false;
      }
      if (!alive) rmSync(lockDir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Files under a folder (following the published-site link), by extension. */
function countFiles(dir: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (entry.isFile()) {
        const ext = path.extname(entry.name).slice(1).toLowerCase() || '(none)';
        counts[ext] = (counts[ext] ?? 0) + 1;
      }
    }
  };
  walk(dir);
  return counts;
}

/**
 * A problem's kind: what is wrong (the message up to its first ": "), with the particulars (quoted
 * text, shortcodes, comments, numbers) blanked, so that "image "a.png" not found" and
 * "image "b.png" not found" count as one kind.
 */
function problemKind(severity: string, message: string): string {
  const general = message
    .replace(/\{\{[\s\S]*?(?:\}\}|…)/g, '{{…}}')
    .replace(/\{\/\*[\s\S]*?(?:\*\/\}|…)/g, '{/*…*/}')
    .replace(/<!--[\s\S]*?(?:-->|…)/g, '<!--…-->')
    .replace(/^MDX line .*? will/, 'MDX line … will')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/`[^`]*`/g, '`…`')
    .replace(/\b\d+(?:\.\d+)*\b/g, 'N');
  const what = general.split(': ')[0] ?? general;
  return `${severity}: ${what.length > 140 ? `${what.slice(0, 139)}…` : what}`;
}

/** Counts by key, most frequent first. */
function tally(keys: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

const figures: Record<string, unknown> = { name, contentDir, root };
const contentFiles = countFiles(contentDir);
figures['contentFiles'] = contentFiles;

// 1. The checker, as `npm run check -- <dir> --json` runs it.
const check = await run('tools/bin/check.ts', [contentDir, '--json']);
let checkResult: {
  problems: { severity: string; message: string; file: string; field: string }[];
  errors: number;
  warnings: number;
  files: number;
};
try {
  checkResult = JSON.parse(check.stdout);
} catch {
  console.error(`measure: the checker did not print JSON (exit ${check.status}): ${check.stderr.split('\n')[0]}`);
  process.exit(1);
}
const kinds = tally(checkResult.problems.map((p) => problemKind(p.severity, p.message)));
Object.assign(figures, {
  check: {
    seconds: check.seconds,
    files: checkResult.files,
    errors: checkResult.errors,
    warnings: checkResult.warnings,
    kinds,
  },
});

/** A broken link of the built site as the checker would name it: `<lang>/<year>/<slug>|<href>`. */
const builtKey = (page: string, href: string): string | undefined => {
  const m = /^(\w[\w-]*)\/(\d{4})\/([^/]+)\/index\.html$/.exec(page);
  return m ? `${m[1]}/${m[2]}/${m[3]}|${decoded(href)}` : undefined;
};

/** `href` without percent-encoding: a page has `#%E7%BB%84…` where the Markdown may have `#组…`, or not. */
function decoded(href: string): string {
  try {
    return decodeURIComponent(href);
  } catch {
    return href;
  }
}
// The checker's body-link warnings, keyed the same way (`articles/<year>/<slug>/<lang>.md`, `link "<href>"`).
const reported = new Set(
  checkResult.problems.flatMap((p) => {
    const file = /articles\/(\d{4})\/([^/]+)\/([\w-]+)\.md$/.exec(p.file);
    const href = /^link "([^"]*)"/.exec(p.message);
    return p.field === '(body link)' && file && href
      ? [`${file[3]}/${file[1]}/${file[2]}|${decoded(href[1] ?? '')}`]
      : [];
  }),
);

/** The broken links of the built site the checker had not reported, counted, with a few of them. */
function unforeseen(problems: readonly { page: string; href: string; kind: string }[]): Record<string, unknown> {
  const missed = problems.filter((p) => {
    const key = builtKey(p.page, p.href);
    return key === undefined || !reported.has(key);
  });
  return {
    notReportedByCheck: missed.length,
    notReportedSample: missed.slice(0, 15).map((p) => `${p.page}: ${p.href} (${p.kind})`),
  };
}

// 2. The production build (it runs the check again first and stops on errors), 3. the link checker.
if (!values['no-build']) {
  const work = mkdtempSync(path.join(tmpdir(), 'news-archive-measure-'));
  const out = path.join(work, 'dist');
  try {
    const build = await withBuildLock(() =>
      run('pipeline/build.ts', [], {
        CONTENT_DIR: contentDir,
        OUT_DIR: out,
        ASTRO_CACHE_DIR: path.join(work, 'cache'),
      }),
    );
    const lines = `${build.stdout}\n${build.stderr}`.split('\n').filter((l) => l.trim() !== '');
    const buildFigures: Record<string, unknown> = {
      seconds: build.seconds,
      status: build.status,
      steps: lines.filter((l) => /^✔|^✖/.test(l)),
    };
    if (build.status !== 0) {
      // Why it failed: the lines that are not the checker's warnings, first ones first.
      buildFigures['why'] = lines.filter((l) => !/\s warning\s/.test(l)).slice(0, 12);
    } else {
      const files = countFiles(out);
      const htmlIn = (lang: string): number => {
        try {
          return countFiles(path.join(out, lang))['html'] ?? 0;
        } catch {
          return 0;
        }
      };
      buildFigures['pages'] = files['html'] ?? 0;
      buildFigures['pagesEn'] = htmlIn('en');
      buildFigures['pagesZh'] = htmlIn('zh');
      const links = await run('tools/bin/check-links.ts', [out, '--json']);
      const linkResult = JSON.parse(links.stdout) as {
        pages: number;
        links: number;
        problems: { page: string; kind: string; href: string }[];
      };
      Object.assign(figures, {
        links: {
          seconds: links.seconds,
          checked: linkResult.links,
          broken: linkResult.problems.length,
          kinds: tally(linkResult.problems.map((p) => p.kind)),
          // Where broken links point: the first path segment (or the anchor), to tell patterns apart.
          targets: tally(
            linkResult.problems.map((p) =>
              p.href.startsWith('#') ? '#anchor' : (/^\/?[^/#?]*/.exec(p.href)?.[0] ?? p.href),
            ),
          ).slice(0, 10),
          // A few of them as written, to see what they are.
          sample: linkResult.problems.slice(0, 15).map((p) => `${p.page}: ${p.href} (${p.kind})`),
          // Whether `npm run check` said so before the build: the broken links it had not reported.
          ...unforeseen(linkResult.problems),
        },
      });
    }
    figures['build'] = buildFigures;
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(`${out}.versions`, { recursive: true, force: true });
  }
}

if (values.json) writeFileSync(path.resolve(values.json), `${JSON.stringify(figures, null, 2)}\n`);
console.log(JSON.stringify(figures, null, 2));
