// The page chrome and the small faults of issue 16, on the built fixture site (tests/fixtures/site):
// no link whose text starts or ends with a space, "Dates to be confirmed, <place>" without a space
// before the comma, a parent event counting its sessions' stories, the language switch of a page
// with no version in a language saying so, the footer's languages from the site config, the page's
// address for print, and `astro preview` sending `/en` to `/en/` instead of a 404.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '#i18n/en.ts';
import { zh } from '#i18n/zh.ts';
import { languageList } from '#lib/languages.ts';
import { siteConfig } from '#site.config';
import { buildEnvironment, root, sharedBuild } from './build-site.ts';
import { linksWithEdgeWhitespace } from './link-text.ts';

let out: string;
const pages = new Map<string, string>();

/** Every element of a tree, in document order. */
function elements(tree: Root | Element): Element[] {
  const found: Element[] = [];
  const walk = (node: Root | Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      found.push(child);
      walk(child);
    }
  };
  walk(tree);
  return found;
}

/** The classes of an element. */
const classes = (e: Element): string[] => {
  const value = e.properties['className'];
  return Array.isArray(value) ? value.map(String) : [];
};
/** Elements with a class. */
const byClass = (tree: Root | Element, name: string): Element[] =>
  elements(tree).filter((e) => classes(e).includes(name));
/** A page of the build, parsed. */
function page(file: string): Root {
  const html = pages.get(file);
  if (html === undefined) throw new Error(`${file} was not built`);
  return fromHtml(html);
}

// The build is shared read-only with other test files of the run (sharedBuild); `astro preview` only reads it.
beforeAll(async () => {
  const shared = await sharedBuild({ CONTENT_DIR: path.join(root, 'tests/fixtures/site/content') });
  ({ out } = shared);
  const { build } = shared;
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  for (const file of await readdir(out, { recursive: true })) {
    if (file.endsWith('.html')) pages.set(file.split(path.sep).join('/'), await readFile(path.join(out, file), 'utf8'));
  }
}, 900_000);

describe('links', () => {
  it('never start or end with whitespace inside <a> on any page', () => {
    expect(pages.size).toBeGreaterThan(50);
    const found = [...pages].flatMap(([file, html]) => linksWithEdgeWhitespace(html).map((l) => `${file}: ${l}`));
    // One line per template is enough to find it.
    const byShape = new Map(found.map((line) => [line.replace(/^[^:]*: /, '').replace(/→.*/, ''), line]));
    expect([...byShape.values()]).toEqual([]);
  });
});

describe('events', () => {
  it('joins an undated event’s place without a space before the comma', () => {
    for (const locale of ['en', 'zh']) {
      const details = byClass(page(`${locale}/events/index.html`), 'entry__detail').map((e) => toString(e));
      expect(details.length).toBeGreaterThan(3);
      for (const detail of details) expect(detail, detail).not.toMatch(/\s[,，、]/);
      const t = locale === 'en' ? en : zh;
      const undated = details.filter((d) => d.startsWith(t.datesToBeConfirmed));
      expect(undated.length, locale).toBeGreaterThan(0);
      for (const detail of undated) expect(detail.startsWith(`${t.datesToBeConfirmed}${t.listSeparator}`)).toBe(true);
    }
  });

  it('counts and lists a session’s stories on its parent event, and says how many came from sessions', () => {
    for (const [locale, t] of [
      ['en', en],
      ['zh', zh],
    ] as const) {
      const index = page(`${locale}/events/index.html`);
      const entries = byClass(index, 'entry');
      let parents = 0;
      for (const entry of entries) {
        const link = byClass(entry, 'entry__name')[0]!;
        const id = String(link.properties['href']).split('/').at(-2)!;
        const eventPage = page(`${locale}/events/${id}/index.html`);
        const stories = (tree: Root) =>
          elements(tree)
            .filter((e) => e.tagName === 'h3' && classes(e).includes('story-card__title'))
            .map((e) => String(elements(e).find((a) => a.tagName === 'a')?.properties['href']));
        const own = stories(eventPage);
        // The index's count and the page's list follow the same rule.
        expect(toString(byClass(entry, 'entry__count')[0]!), id).toBe(t.storyCount(own.length));
        const sessions = elements(eventPage)
          .filter((e) => e.tagName === 'section' && String(e.properties['ariaLabelledBy']) === 'sessions')
          .flatMap((s) => elements(s).filter((a) => a.tagName === 'a'))
          .map((a) => String(a.properties['href']).split('/').at(-2)!);
        const fromSessions = new Set(sessions.flatMap((s) => stories(page(`${locale}/events/${s}/index.html`))));
        for (const story of fromSessions) expect(own, `${id} lists ${story} of its session`).toContain(story);
        const note = elements(eventPage).find(
          (e) => e.tagName === 'p' && toString(e) === t.includingSessions(fromSessions.size),
        );
        expect(note !== undefined, `${id}: "${t.includingSessions(fromSessions.size)}"`).toBe(fromSessions.size > 0);
        if (fromSessions.size > 0) parents++;
      }
      // The fixture's forum has no story of its own, only its opening session's.
      expect(parents, locale).toBeGreaterThan(0);
    }
  });
});

describe('the language switch', () => {
  it('leads to the same page in the other language, or to its home saying why, in that language', () => {
    let missing = 0;
    for (const [file] of pages) {
      if (!/^(en|zh)\//.test(file)) continue;
      const tree = page(file);
      const alternates = new Map(
        elements(tree)
          .filter((e) => e.tagName === 'link' && e.properties['rel']?.toString() === 'alternate')
          .map((e) => [String(e.properties['hrefLang']), new URL(String(e.properties['href'])).pathname]),
      );
      const switcher = elements(tree).find((e) => e.tagName === 'nav' && classes(e).includes('language-switcher'));
      if (!switcher) continue; // redirect pages have no chrome
      for (const link of elements(switcher).filter((e) => e.tagName === 'a')) {
        const lang = String(link.properties['hrefLang']);
        const locale = siteConfig.locales.find((l) => l.htmlLang === lang)!;
        const t = locale.code === 'en' ? en : zh;
        expect(link.properties['lang'], file).toBe(lang);
        // A page that is no locale's version of anything (the bilingual 404) links each home by name.
        const versioned = alternates.has(String(elements(tree).find((e) => e.tagName === 'html')?.properties['lang']));
        const alternate = versioned ? alternates.get(lang) : `/${locale.code}/`;
        if (alternate !== undefined) {
          expect(link.properties['href'], file).toBe(alternate);
          expect(toString(link), file).toBe(locale.label);
        } else {
          missing++;
          expect(link.properties['href'], file).toBe(`/${locale.code}/`);
          expect(toString(link), file).toBe(t.languageHome(locale.label) + t.noVersionIn(locale.label));
        }
      }
    }
    // The fixture has stories in one language only.
    expect(missing).toBeGreaterThan(0);
  });
});

describe('the footer', () => {
  it('names the configured languages, and carries the page’s address for print', () => {
    for (const [file, t, dateLocale] of [
      ['en/index.html', en, 'en-GB'],
      ['zh/speakers/index.html', zh, 'zh-Hans-CN'],
    ] as const) {
      const tree = page(file);
      const footer = elements(tree).find((e) => e.tagName === 'footer')!;
      const paragraphs = elements(footer).filter((e) => e.tagName === 'p');
      expect(toString(paragraphs[0]!)).toBe(t.footer(languageList(siteConfig.locales, dateLocale)));
      const canonical = elements(tree).find((e) => e.tagName === 'link' && String(e.properties['rel']) === 'canonical');
      const address = byClass(footer, 'site-footer__address')[0];
      expect(address && toString(address)).toBe(t.labelled(t.onlineAt, String(canonical?.properties['href'])));
    }
    expect(toString(byClass(page('en/index.html'), 'site-footer')[0]!)).toContain('English and Chinese');
  });
});

describe('astro preview', () => {
  let child: ChildProcess | undefined;
  let port = 0;

  /** A free loopback port. */
  const freePort = () =>
    new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });

  /** The status and Location of a GET, redirects not followed. */
  const head = (sitePath: string) =>
    new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: sitePath, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
      });
      req.on('error', reject);
      req.end();
    });

  beforeAll(async () => {
    port = await freePort();
    const started = spawn(
      process.execPath,
      [
        path.join(root, 'node_modules/astro/bin/astro.mjs'),
        'preview',
        '--ignore-lock',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
      ],
      {
        cwd: root,
        env: { ...buildEnvironment(), OUT_DIR: out, CONTENT_DIR: path.join(root, 'tests/fixtures/site/content') },
      },
    );
    child = started;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`astro preview did not start:\n${output}`)), 60_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(`:${port}/`)) {
          clearTimeout(timer);
          resolve();
        }
      };
      started.stdout.on('data', read);
      started.stderr.on('data', read);
      started.once('exit', (code) => reject(new Error(`astro preview exited (${code}):\n${output}`)));
    });
  }, 90_000);

  afterAll(() => {
    child?.kill();
  });

  it('sends a folder without its slash to the folder, and serves pages, files and the 404 as built', async () => {
    await expect(head('/en')).resolves.toEqual({ status: 301, location: '/en/' });
    await expect(head('/en/speakers')).resolves.toEqual({ status: 301, location: '/en/speakers/' });
    await expect(head('/zh/archive/2024?x=1')).resolves.toEqual({ status: 301, location: '/zh/archive/2024/?x=1' });
    expect((await head('/en/')).status).toBe(200);
    expect((await head('/en/speakers/')).status).toBe(200);
    expect((await head('/en/rss.xml')).status).toBe(200);
    expect((await head('/en/no-such-page')).status).toBe(404);
    expect((await head('/en/no-such-page/')).status).toBe(404);
  });
});
