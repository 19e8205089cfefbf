/**
 * Writing the article files of the benchmark corpus: frontmatter (the shared facts in the primary
 * file, repeated by Chinese originals) and Markdown bodies of the length, headings, lists, quotes,
 * tables, footnotes and mixed-script passages of real news, each version from its own sub-stream.
 */
import {
  articlePath,
  capitalise,
  LANG_STREAM,
  STREAM,
  type CorpusFile,
  type CorpusPlan,
  type Lang,
  type StoryPlan,
} from './corpus-model.ts';
import { deriveSeed, Random } from './random.ts';
import { idList, q } from './registry-files.ts';
import {
  EN_HEADINGS,
  EN_LIST_INTROS,
  EN_LIST_ITEMS,
  EN_MIXED_INTROS,
  EN_QUOTES,
  EN_SENTENCES,
  EN_SUMMARIES,
  EN_TITLES,
  LINKS,
  ZH_HEADINGS,
  ZH_LIST_INTROS,
  ZH_LIST_ITEMS,
  ZH_QUOTES,
  ZH_SENTENCES,
  ZH_SUMMARIES,
  ZH_TITLES,
  type Bilingual,
} from './vocabulary.ts';

/** What a story's text can mention, resolved to names. */
interface TextContext {
  readonly seed: number;
  readonly story: StoryPlan;
  readonly eventName: Bilingual;
  readonly speakerNames: readonly Bilingual[];
  readonly orgNames: readonly Bilingual[];
}

/** Fills a template's placeholders in one language. */
function fill(template: string, lang: Lang, ctx: TextContext, rng: Random): string {
  const { story } = ctx;
  const en = lang === 'en';
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'city':
        return story.city[lang];
      case 'topic':
        return story.topic[lang];
      case 'Topic':
        return en ? capitalise(story.topic.en) : story.topic.zh;
      case 'kind':
        return en ? story.kind.en.toLowerCase() : story.kind.zh;
      case 'Kind':
        return story.kind[lang];
      case 'event':
        return ctx.eventName[lang];
      case 'speaker':
      case 'speaker2': {
        const name =
          ctx.speakerNames[key === 'speaker' ? 0 : ctx.speakerNames.length - 1] ?? rng.pick(ctx.speakerNames);
        // English text sometimes gives the Chinese name too, a mixed-script inline passage.
        return en && rng.chance(0.1) && /\p{Script=Han}/u.test(name.zh) ? `${name.en} (${name.zh})` : name[lang];
      }
      case 'org':
        return rng.pick(ctx.orgNames)[lang];
      case 'year':
        return String(story.year);
      case 'n':
        return String(rng.int(3, 60));
      case 'pct':
        return String(rng.int(5, 45));
      case 'big': {
        const value = rng.int(1_000, 99_999);
        return en ? value.toLocaleString('en-US') : String(value);
      }
      default:
        return key;
    }
  });
}

/** A paragraph of `min`–`max` sentences drawn from the language's pool. */
function paragraph(lang: Lang, ctx: TextContext, rng: Random, min: number, max: number): string {
  const pool = lang === 'en' ? EN_SENTENCES : ZH_SENTENCES;
  return rng
    .sample(pool, rng.int(min, max))
    .map((s) => fill(s, lang, ctx, rng))
    .join(lang === 'en' ? ' ' : '');
}

/** How long a body is: words in English, Han characters in Chinese. */
function bodyLength(blocks: readonly string[], lang: Lang): number {
  const text = blocks.join('\n');
  return lang === 'en' ? (text.match(/\S+/g) ?? []).length : (text.match(/\p{Script=Han}/gu) ?? []).length;
}

/** A GFM table of yearly figures. */
function table(lang: Lang, ctx: TextContext, rng: Random): string {
  const header =
    lang === 'en'
      ? '| Year | Applications | Granted | Share of small firms |'
      : '| 年份 | 申请量 | 授权量 | 中小企业占比 |';
  const rows: string[] = [];
  const last = ctx.story.year;
  for (let year = last - rng.int(2, 4); year <= last; year++) {
    const applications = rng.int(2_000, 60_000);
    const granted = Math.round(applications * (0.3 + rng.next() * 0.4));
    const format = (n: number): string => (lang === 'en' ? n.toLocaleString('en-US') : String(n));
    rows.push(`| ${year} | ${format(applications)} | ${format(granted)} | ${rng.int(12, 48)}% |`);
  }
  const intro = lang === 'en' ? 'The figures presented at the meeting:' : '会上公布的数据如下：';
  return `${intro}\n\n${header}\n| ---: | ---: | ---: | ---: |\n${rows.join('\n')}`;
}

/** The Markdown body of one language version. */
function body(lang: Lang, ctx: TextContext, rng: Random): string {
  const { story } = ctx;
  const en = lang === 'en';
  const target = en ? rng.int(450, 800) : rng.int(700, 1200);
  const link = (): string => {
    const l = rng.pick(LINKS);
    return `[${l[lang]}](${l.url})`;
  };
  const headings = rng.sample(en ? EN_HEADINGS : ZH_HEADINGS, 3);
  const blocks: string[] = [];
  const lead = paragraph(lang, ctx, rng, 3, 4);
  blocks.push(rng.chance(0.5) ? `${lead}${en ? ` Details are in the ${link()}.` : `详见${link()}。`}` : lead);
  blocks.push(paragraph(lang, ctx, rng, 2, 4));
  // Body pictures after the opening, as a photo report places them; no draw, so the text stays the same.
  for (const figure of story.images.figures) blocks.push(`![${figure.alt[lang]}](./${figure.file})`);
  blocks.push(`## ${headings[0]}`, paragraph(lang, ctx, rng, 2, 4));
  const items = rng.sample(en ? EN_LIST_ITEMS : ZH_LIST_ITEMS, rng.int(3, 6));
  const ordered = rng.chance(0.3);
  blocks.push(
    `${fill(rng.pick(en ? EN_LIST_INTROS : ZH_LIST_INTROS), lang, ctx, rng)}\n\n${items
      .map((item, i) => `${ordered ? `${i + 1}.` : '-'} ${item}`)
      .join('\n')}`,
  );
  if (story.quote) blocks.push(`> ${rng.pick(en ? EN_QUOTES : ZH_QUOTES)}`);
  blocks.push(`## ${headings[1]}`);
  if (story.table) blocks.push(table(lang, ctx, rng));
  if (story.mixed && en) blocks.push(rng.pick(EN_MIXED_INTROS), paragraph('zh', ctx, rng, 2, 3));
  let sub = rng.chance(0.25);
  while (bodyLength(blocks, lang) < target) {
    blocks.push(paragraph(lang, ctx, rng, 3, 5));
    if (sub) {
      blocks.push(`### ${headings[2]}`);
      sub = false;
    }
  }
  const closing = paragraph(lang, ctx, rng, 2, 3);
  const mark = story.footnote ? '[^1]' : '';
  blocks.push(en ? `${closing}${mark} The ${link()} is available online.` : `${closing}${mark}另见${link()}。`);
  if (story.footnote) {
    blocks.push(
      fill(
        en ? '[^1]: Figures from the annual report of the {org}, {year}.' : '[^1]: 数据来源：{org}{year}年度报告。',
        lang,
        ctx,
        rng,
      ),
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

/** The frontmatter lines of the shared facts, roles in `lang`. */
function sharedFacts(story: StoryPlan, lang: Lang): string[] {
  const lines: string[] = [];
  if (story.event) lines.push(`event: ${story.event}`);
  lines.push(...speakerLines(story, lang));
  lines.push(...idList('organisations', story.organisations), ...idList('tags', story.tags));
  return lines;
}

/** The `speakers:` list, with each per-story role in `lang`. */
function speakerLines(story: StoryPlan, lang: Lang): string[] {
  if (story.speakers.length === 0) return [];
  return [
    'speakers:',
    ...story.speakers.flatMap((s) => (s.role ? [`  - id: ${s.id}`, `    role: ${q(s.role[lang])}`] : [`  - ${s.id}`])),
  ];
}

/** One article file: frontmatter and body. */
function article(story: StoryPlan, lang: Lang, ctx: TextContext, rng: Random): string {
  const primary = story.languages[0] === lang;
  const titles = lang === 'en' ? EN_TITLES : ZH_TITLES;
  const summaries = lang === 'en' ? EN_SUMMARIES : ZH_SUMMARIES;
  // Both versions draw the same template indices, so titles are translations of each other.
  const titleRng = new Random(deriveSeed(ctx.seed, STREAM.title, story.index));
  const title = capitalise(fill(titles[titleRng.int(0, titles.length - 1)] ?? '', lang, ctx, rng));
  const summary = fill(summaries[titleRng.int(0, summaries.length - 1)] ?? '', lang, ctx, rng);
  const lines = ['---', `title: ${q(title)}`];
  // The primary file holds the shared facts; a Chinese original repeats them (the checker requires agreement).
  const repeatsFacts = primary || story.shape === 'zh-original';
  if (repeatsFacts) lines.push(`date: ${story.date}`);
  lines.push(`language: ${lang}`, `summary: ${q(summary)}`);
  if (repeatsFacts) {
    lines.push(...sharedFacts(story, lang));
  } else if (story.speakers.some((s) => s.role)) {
    // A translation lists the speakers again only to give their roles in its own language.
    lines.push(...speakerLines(story, lang));
  }
  if (primary && story.source) lines.push(`source: ${story.source}`);
  if (primary && story.updated) lines.push(`updated: ${story.updated}`);
  if (primary && story.alias) lines.push('aliases:', `  - ${story.alias}`);
  // Every version names the cover, with alt text in its own language (the checker warns otherwise).
  const { cover } = story.images;
  if (cover) lines.push('cover:', `  src: ./${cover.file}`, `  alt: ${q(cover.alt[lang])}`);
  lines.push('---', '');
  return `${lines.join('\n')}\n${body(lang, ctx, rng)}`;
}

/** Every article file of the corpus, story by story, each story's versions in its language order. */
export function* articleFiles(plan: CorpusPlan): Generator<CorpusFile> {
  const speakerById = new Map(plan.speakers.map((s) => [s.id, s]));
  const orgById = new Map(plan.organisations.map((o) => [o.id, o]));
  const eventById = new Map(plan.events.map((e) => [e.id, e]));
  for (const story of plan.stories) {
    const names = story.speakers.flatMap((s) => {
      const speaker = speakerById.get(s.id);
      return speaker ? [speaker.name] : [];
    });
    const event = story.event ? eventById.get(story.event) : undefined;
    const ctx: TextContext = {
      seed: plan.seed,
      story,
      eventName: event?.name ?? {
        en: `${story.year} ${story.city.en} ${story.kind.en} on ${capitalise(story.topic.en)}`,
        zh: `${story.year}${story.city.zh}${story.topic.zh}${story.kind.zh}`,
      },
      // A story without listed speakers still quotes people: the first registry entries stand in.
      speakerNames: names.length > 0 ? names : plan.speakers.slice(0, 2).map((s) => s.name),
      orgNames: story.organisations.flatMap((id) => {
        const org = orgById.get(id);
        return org ? [org.name] : [];
      }),
    };
    for (const lang of story.languages) {
      const rng = new Random(deriveSeed(plan.seed, STREAM.body, story.index, LANG_STREAM[lang]));
      yield { path: articlePath(story, lang), text: article(story, lang, ctx, rng) };
    }
  }
}
