// The `comment` job of .github/workflows/preview.yml, run for real: its github-script text is read
// from the workflow and called the way actions/github-script@v7 calls it (an async function of
// `require`, `github`, `context`, `core`…), with the Octokit github-script builds (@octokit/core with
// the REST endpoint methods and pagination plugins) pointed at a fake GitHub API on 127.0.0.1 that
// keeps the pull request's comments and records every request. The event is a recorded
// `pull_request` payload (tests/fixtures/github/, its README says where the shape comes from).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { COMMENT_MARKER } from '#tools/changes/comment.ts';

const root = path.resolve(import.meta.dirname, '../..');
const REPOSITORY = 'newsroom/news-archive';
const PR = 42;
const BOT = 'github-actions[bot]';

/** The github-script step of the workflow's `comment` job: its action and script. */
async function commentStep(): Promise<{ uses: string; script: string; env: Record<string, string> }> {
  const workflow = parse(await readFile(path.join(root, '.github/workflows/preview.yml'), 'utf8')) as {
    jobs: Record<string, { steps: { uses?: string; env?: Record<string, string>; with?: { script?: string } }[] }>;
  };
  const step = workflow.jobs['comment']?.steps.find((s) => s.uses?.startsWith('actions/github-script@'));
  if (!step?.uses || !step.with?.script)
    throw new Error('no actions/github-script step with a script in the comment job');
  return { uses: step.uses, script: step.with.script, env: step.env ?? {} };
}

/** A comment as the REST API returns it (the fields the script and the tests read). */
interface ApiComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: string };
}

/** A request the fake API received. */
interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly authorization: string | undefined;
}

/**
 * The parts of GitHub's REST API the script uses, for one pull request: list its issue comments
 * (100 a page at most, with a `Link` header as GitHub sends), create one, update one by id.
 */
class FakeGitHub {
  readonly requests: Recorded[] = [];
  comments: ApiComment[] = [];
  /** Whether the token is read-only: writes are refused as GitHub refuses them. */
  readOnly = false;
  private nextId = 1_000;
  private server: Server | undefined;
  baseUrl = '';

  /** Adds a comment as `login` would have written it. */
  add(login: string, body: string): ApiComment {
    const id = this.nextId++;
    const comment = {
      id,
      body,
      html_url: `https://github.com/${REPOSITORY}/pull/${PR}#issuecomment-${id}`,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
    };
    this.comments.push(comment);
    return comment;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.baseUrl);
    const body: unknown = text ? JSON.parse(text) : undefined;
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname + url.search,
      body,
      authorization: req.headers.authorization,
    });
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(data));
    };
    const list = `/repos/${REPOSITORY}/issues/${PR}/comments`;
    const one = new RegExp(`^/repos/${REPOSITORY}/issues/comments/(\\d+)$`).exec(url.pathname);
    if (req.method !== 'GET' && this.readOnly) {
      send(403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
        status: '403',
      });
    } else if (req.method === 'GET' && url.pathname === list) {
      const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
      const page = Number(url.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(this.comments.length / perPage));
      const link = (p: number): string => `<${this.baseUrl}${list}?per_page=${perPage}&page=${p}>`;
      const links = page < last ? { link: `${link(page + 1)}; rel="next", ${link(last)}; rel="last"` } : {};
      send(200, this.comments.slice((page - 1) * perPage, page * perPage), links);
    } else if (req.method === 'POST' && url.pathname === list) {
      send(201, this.add(BOT, (body as { body: string }).body));
    } else if (req.method === 'PATCH' && one) {
      const comment = this.comments.find((c) => c.id === Number(one[1]));
      if (!comment) return send(404, { message: 'Not Found' });
      comment.body = (body as { body: string }).body;
      send(200, comment);
    } else {
      send(404, { message: 'Not Found' });
    }
  }
}

/** What the script told the log, as @actions/core would have printed it. */
interface CoreLog {
  readonly notices: string[];
  readonly infos: string[];
  readonly failures: string[];
}

/**
 * Runs the workflow's script as actions/github-script@v7 does: its text is the body of an async
 * function whose parameters are the names github-script binds, `github` an Octokit with the REST
 * endpoint methods and pagination plugins authenticated with the job's token, `context` the event.
 */
async function runScript(script: string, payload: unknown, baseUrl: string): Promise<CoreLog> {
  const GitHub = Octokit.plugin(restEndpointMethods, paginateRest);
  const github = new GitHub({ auth: 'ghs_test-token', baseUrl });
  const [owner = '', repo = ''] = (process.env['GITHUB_REPOSITORY'] ?? '').split('/');
  // @actions/github's Context: the payload, and `repo` from GITHUB_REPOSITORY.
  const context = {
    payload,
    eventName: 'pull_request',
    repo: { owner, repo },
    issue: { owner, repo, number: PR },
  };
  const log: CoreLog = { notices: [], infos: [], failures: [] };
  const core = {
    notice: (m: string) => log.notices.push(m),
    info: (m: string) => log.infos.push(m),
    setFailed: (m: string) => log.failures.push(m),
  };
  const require = createRequire(path.join(root, 'package.json'));
  // The constructor of async functions (github-script's `AsyncFunction`), from this one.
  const AsyncFunction = runScript.constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;
  const names = ['require', '__original_require__', 'github', 'octokit', 'context', 'core', 'process'];
  await new AsyncFunction(...names, script)(require, require, github, github, context, core, process);
  return log;
}

describe('the comment job of the preview workflow', () => {
  const api = new FakeGitHub();
  let script: string;
  let payload: { pull_request: { head: { repo: { full_name: string } | null } } };
  let dir: string;
  let bodyFile: string;

  beforeAll(async () => {
    await api.start();
    const step = await commentStep();
    expect(step.uses).toBe('actions/github-script@v7');
    expect(step.env['BODY_FILE']).toBeDefined();
    script = step.script;
    dir = await mkdtemp(path.join(tmpdir(), 'news-archive-comment-'));
    bodyFile = path.join(dir, 'changes-comment.md');
    // 150 comments: the list takes two pages. One of them copies the marker, but is not the bot's.
    for (let i = 0; i < 149; i++) api.add(`reviewer-${i % 3}`, `Looks good (${i})`);
    api.add('mallory', `${COMMENT_MARKER}\nA reviewer quoting the bot's comment.`);
  });
  afterAll(async () => {
    await api.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    payload = JSON.parse(
      await readFile(path.join(root, 'tests/fixtures/github/pull_request.json'), 'utf8'),
    ) as typeof payload;
    vi.stubEnv('GITHUB_REPOSITORY', REPOSITORY);
    vi.stubEnv('BODY_FILE', bodyFile);
    api.requests.length = 0;
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const writes = () => api.requests.filter((r) => r.method !== 'GET');
  const mallory = () => api.comments.find((c) => c.user.login === 'mallory');

  it('posts one comment the first time, after reading every page of comments', async () => {
    await writeFile(bodyFile, `${COMMENT_MARKER}\n## Content changes\n\nFirst push.\n`);
    const log = await runScript(script, payload, api.baseUrl);
    expect(log.failures).toEqual([]);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /repos/${REPOSITORY}/issues/${PR}/comments?per_page=100`,
      `GET /repos/${REPOSITORY}/issues/${PR}/comments?per_page=100&page=2`,
      `POST /repos/${REPOSITORY}/issues/${PR}/comments`,
    ]);
    expect(api.requests[2]?.body).toEqual({ body: `${COMMENT_MARKER}\n## Content changes\n\nFirst push.\n` });
    expect(api.requests.every((r) => r.authorization === 'token ghs_test-token')).toBe(true);
    expect(api.comments.filter((c) => c.user.login === BOT)).toHaveLength(1);
    expect(mallory()?.body).toBe(`${COMMENT_MARKER}\nA reviewer quoting the bot's comment.`);
    expect(log.infos).toEqual([expect.stringMatching(/^Posted comment https:\/\/github\.com\/.*#issuecomment-\d+$/)]);
  });

  it('updates that comment in place on the next push, and adds none', async () => {
    const count = api.comments.length;
    const mine = api.comments.find((c) => c.user.login === BOT);
    await writeFile(bodyFile, `${COMMENT_MARKER}\n## Content changes\n\nSecond push.\n`);
    await runScript(script, payload, api.baseUrl);
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /repos/${REPOSITORY}/issues/comments/${mine?.id ?? -1}`,
    ]);
    expect(api.comments).toHaveLength(count);
    expect(api.comments.find((c) => c.user.login === BOT)?.body).toBe(
      `${COMMENT_MARKER}\n## Content changes\n\nSecond push.\n`,
    );
    // The other user's comment with the marker is never touched.
    expect(mallory()?.body).toBe(`${COMMENT_MARKER}\nA reviewer quoting the bot's comment.`);
  });

  it('makes no request for a pull request from a fork (its token is read-only), and says why', async () => {
    payload.pull_request.head.repo = { ...payload.pull_request.head.repo, full_name: 'contributor/news-archive' };
    const log = await runScript(script, payload, api.baseUrl);
    expect(api.requests).toEqual([]);
    expect(log.notices).toEqual([expect.stringContaining('Pull request from a fork')]);
    // A fork deleted since the push: GitHub sends `head.repo: null`.
    payload.pull_request.head.repo = null;
    await runScript(script, payload, api.baseUrl);
    expect(api.requests).toEqual([]);
  });

  it('leaves a notice, and does not fail, when the token turns out to be read-only', async () => {
    api.readOnly = true;
    try {
      await writeFile(bodyFile, `${COMMENT_MARKER}\nThird push.\n`);
      const log = await runScript(script, payload, api.baseUrl);
      expect(writes().map((r) => r.method)).toEqual(['PATCH']);
      expect(log.notices).toEqual([expect.stringContaining('Resource not accessible by integration')]);
      expect(log.failures).toEqual([]);
    } finally {
      api.readOnly = false;
    }
  });

  it('refuses a body without the marker, which it could never find again', async () => {
    await writeFile(bodyFile, '## Content changes\n');
    const log = await runScript(script, payload, api.baseUrl);
    expect(log.failures).toEqual([expect.stringContaining(COMMENT_MARKER)]);
    expect(api.requests).toEqual([]);
  });
});
