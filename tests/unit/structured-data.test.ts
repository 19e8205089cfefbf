// The JSON-LD builders on plain inputs, and the serialiser against hostile strings: whatever a field
// holds, an HTML parser must see exactly one script element whose JSON parses back to the input.
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import {
  breadcrumbLd,
  eventLd,
  jsonLdGraph,
  newsArticleLd,
  organizationLd,
  personLd,
  serializeJsonLd,
  webSiteLd,
  type NewsArticleInput,
} from '#lib/structured-data.ts';

const site = 'https://news.example.org';
const publisher = { name: 'News Office', url: site };

const story: NewsArticleInput = {
  headline: 'Forum opens',
  description: 'The forum opened.',
  url: `${site}/en/2024/forum/`,
  inLanguage: 'en',
  datePublished: '2024-04-23',
  publisher,
  speakers: [{ name: 'Zhang Wei', url: `${site}/en/speakers/zhang-wei/`, jobTitle: 'Commissioner' }],
  organisations: [{ name: 'EIPO', url: `${site}/en/organisations/eipo/` }],
  event: { name: 'Forum 2024', url: `${site}/en/events/forum-2024/`, startDate: '2024-04-22', endDate: '2024-04-24' },
  keywords: ['Innovation', 'Patents'],
  translations: [{ headline: '论坛开幕', url: `${site}/zh/2024/forum/`, inLanguage: 'zh-Hans' }],
};

/** Every element of a tree, in document order. */
function elements(node: Root | Element): Element[] {
  return node.children.flatMap((child) => (child.type === 'element' ? [child, ...elements(child)] : []));
}

describe('newsArticleLd', () => {
  it('says what Google and schema.org expect of a news article', () => {
    const ld = newsArticleLd({ ...story, image: { url: `${site}/_astro/cover.png`, width: 1200, height: 800 } });
    expect(ld).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Forum opens',
      description: 'The forum opened.',
      url: story.url,
      mainEntityOfPage: { '@type': 'WebPage', '@id': story.url },
      inLanguage: 'en',
      datePublished: '2024-04-23',
      dateModified: '2024-04-23',
      image: {
        '@type': 'ImageObject',
        url: `${site}/_astro/cover.png`,
        width: { value: 1200 },
        height: { value: 800 },
      },
      author: { '@type': 'Organization', name: 'News Office', url: site },
      publisher: { '@type': 'Organization', name: 'News Office', url: site },
      mentions: [
        { '@type': 'Person', name: 'Zhang Wei', url: `${site}/en/speakers/zhang-wei/`, jobTitle: 'Commissioner' },
        { '@type': 'Organization', name: 'EIPO', url: `${site}/en/organisations/eipo/` },
      ],
      about: { '@type': 'Event', name: 'Forum 2024', startDate: '2024-04-22', endDate: '2024-04-24' },
      keywords: ['Innovation', 'Patents'],
      workTranslation: [{ '@type': 'NewsArticle', url: `${site}/zh/2024/forum/`, inLanguage: 'zh-Hans' }],
    });
    expect(ld).not.toHaveProperty('translationOfWork');
  });

  it('links a translation to its original and takes the revision date', () => {
    const ld = newsArticleLd({
      ...story,
      url: `${site}/zh/2024/forum/`,
      inLanguage: 'zh-Hans',
      dateModified: '2024-05-02',
      translations: [],
      translationOf: { headline: 'Forum opens', url: `${site}/en/2024/forum/`, inLanguage: 'en' },
    });
    expect(ld).toMatchObject({
      dateModified: '2024-05-02',
      translationOfWork: { '@type': 'NewsArticle', url: `${site}/en/2024/forum/` },
    });
    expect(ld).not.toHaveProperty('workTranslation');
  });

  it('leaves out what a story does not have, rather than writing empty values', () => {
    const ld = newsArticleLd({
      ...story,
      speakers: [],
      organisations: [],
      event: undefined,
      keywords: [],
      translations: [],
    });
    for (const key of ['mentions', 'about', 'keywords', 'image', 'workTranslation', 'translationOfWork']) {
      expect(ld, key).not.toHaveProperty(key);
    }
    expect(JSON.stringify(ld)).not.toContain('null');
  });
});

describe('eventLd', () => {
  const event = {
    name: 'Opening session',
    url: `${site}/en/events/opening/`,
    startDate: '2024-04-23',
    venue: 'Main Hall',
    city: 'Harbour City',
    organisers: [{ name: 'Secretariat', url: `${site}/en/organisations/secretariat/` }],
    superEvent: { name: 'Forum 2024', url: `${site}/en/events/forum-2024/` },
    subEvents: [{ name: 'Panel', url: `${site}/en/events/panel/` }],
    sameAs: 'https://forum.example.org/',
  };

  it('has dates, status, place with locality, organiser and the events around it', () => {
    expect(eventLd(event)).toEqual({
      '@type': 'Event',
      name: 'Opening session',
      url: event.url,
      startDate: '2024-04-23',
      eventStatus: 'https://schema.org/EventScheduled',
      location: {
        '@type': 'Place',
        name: 'Main Hall',
        address: { '@type': 'PostalAddress', addressLocality: 'Harbour City' },
      },
      organizer: [{ '@type': 'Organization', name: 'Secretariat', url: event.organisers[0]?.url }],
      superEvent: { '@type': 'Event', name: 'Forum 2024', url: event.superEvent.url },
      subEvent: [{ '@type': 'Event', name: 'Panel', url: event.subEvents[0]?.url }],
      sameAs: 'https://forum.example.org/',
    });
  });

  it('leaves out startDate and eventStatus while the dates are unknown', () => {
    const ld = eventLd({ ...event, startDate: undefined, venue: undefined, subEvents: [], superEvent: undefined });
    expect(ld).not.toHaveProperty('startDate');
    expect(ld).not.toHaveProperty('eventStatus');
    expect(ld).not.toHaveProperty('subEvent');
    expect(ld).toMatchObject({ location: { name: 'Harbour City', address: { addressLocality: 'Harbour City' } } });
  });
});

describe('personLd, organizationLd, breadcrumbLd, webSiteLd', () => {
  it('describes a speaker with other-language names, role, organisation, portrait and links', () => {
    expect(
      personLd({
        name: 'Zhang Wei',
        url: `${site}/en/speakers/zhang-wei/`,
        alternateNames: ['张伟'],
        jobTitle: 'Commissioner',
        worksFor: { name: 'EIPO', url: `${site}/en/organisations/eipo/` },
        image: `${site}/_astro/zhang-wei.png`,
        sameAs: ['https://eipo.example.org/zhang-wei'],
      }),
    ).toEqual({
      '@type': 'Person',
      name: 'Zhang Wei',
      url: `${site}/en/speakers/zhang-wei/`,
      alternateName: ['张伟'],
      jobTitle: 'Commissioner',
      worksFor: { '@type': 'Organization', name: 'EIPO', url: `${site}/en/organisations/eipo/` },
      image: `${site}/_astro/zhang-wei.png`,
      sameAs: ['https://eipo.example.org/zhang-wei'],
    });
  });

  it('describes an organisation with its website, parent and member bodies', () => {
    const ld = organizationLd({
      name: 'Patent Department',
      url: `${site}/en/organisations/patents/`,
      alternateNames: ['专利部'],
      website: 'https://eipo.example.org/patents/',
      parent: { name: 'EIPO', url: `${site}/en/organisations/eipo/` },
      members: [{ name: 'Unit A', url: `${site}/en/organisations/unit-a/` }],
    });
    expect(ld).toMatchObject({
      '@type': 'Organization',
      alternateName: ['专利部'],
      sameAs: 'https://eipo.example.org/patents/',
      parentOrganization: { '@type': 'Organization', name: 'EIPO' },
      subOrganization: [{ '@type': 'Organization', name: 'Unit A' }],
    });
  });

  it('numbers breadcrumbs from 1', () => {
    expect(
      breadcrumbLd([
        { name: 'Home', url: `${site}/en/` },
        { name: 'Speakers', url: `${site}/en/speakers/` },
      ]),
    ).toEqual({
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'Home', item: `${site}/en/` },
        { '@type': 'ListItem', position: 2, name: 'Speakers', item: `${site}/en/speakers/` },
      ],
    });
  });

  it('describes the site, in one or several languages', () => {
    const ld = webSiteLd({
      name: 'News Archive',
      url: `${site}/`,
      alternateNames: ['新闻档案'],
      description: 'News.',
      inLanguage: ['en', 'zh-Hans'],
      publisher,
    });
    expect(ld).toMatchObject({ '@type': 'WebSite', inLanguage: ['en', 'zh-Hans'], alternateName: ['新闻档案'] });
    expect(jsonLdGraph([ld])).toEqual({ '@context': 'https://schema.org', '@graph': [ld] });
  });
});

describe('serializeJsonLd', () => {
  const hostile = [
    '</script><script>alert(1)</script>',
    '</SCRIPT >',
    '</script\t>',
    '<!--',
    '<!-- <script>',
    '-->',
    '"><img src=x onerror=alert(2)>',
    '&lt;/script&gt; &amp; &#x3C;',
    ']]>',
    '\u2028\u2029',
    'back\\slash "quotes" \\u003c',
    '\u0000 \ud83d\ude00 \ud800',
    '标题 </script> 混合',
  ];

  it('leaves no <, > or & in the output, and no raw line or paragraph separators', () => {
    const json = serializeJsonLd({ values: hostile });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
  });

  it('round-trips every hostile string, as values and as keys', () => {
    const value = {
      '@context': 'https://schema.org',
      headline: hostile.join(' '),
      list: hostile,
      [hostile[0] ?? '']: 1,
    };
    expect(JSON.parse(serializeJsonLd(value))).toEqual(value);
  });

  it('gives an HTML parser exactly one script, whose JSON is the input', () => {
    for (const text of hostile) {
      const value = jsonLdGraph([
        newsArticleLd({ ...story, headline: text, description: `${text} ${text}`, keywords: [text] }),
      ]);
      const html = `<!doctype html><html><head><title>t</title><script type="application/ld+json">${serializeJsonLd(value)}</script></head><body><p>after</p></body></html>`;
      const tree = fromHtml(html);
      const scripts = elements(tree).filter((e) => e.tagName === 'script');
      expect(scripts, text).toHaveLength(1);
      expect(JSON.parse(toString(scripts[0] as Element)), text).toEqual(JSON.parse(JSON.stringify(value)));
      // Nothing leaked out of the script: the body is untouched, the head has no other element.
      expect(elements(tree).map((e) => e.tagName)).toEqual(['html', 'head', 'title', 'script', 'body', 'p']);
    }
  });

  it('refuses a value with no JSON form', () => {
    expect(() => serializeJsonLd(undefined)).toThrow(TypeError);
  });
});
