/**
 * schema.org structured data (JSON-LD) for the site's pages, built from plain, already localised
 * inputs: names in the page's language, absolute URLs, ISO dates. No `astro:` imports, so the
 * builders and the safe serialiser are unit-tested on their own. Over 300 lines because half of it is
 * the documented input type of each builder, kept beside the builder that reads it.
 */
// Leaf types (one `@type` each) rather than the unions: spreading optional properties into a
// union of dozens of subtypes is more than the compiler can represent.
import type {
  BreadcrumbListLeaf,
  CorrectionCommentLeaf,
  EventLeaf,
  Graph,
  ImageObjectLeaf,
  NewsArticleLeaf,
  OrganizationLeaf,
  PersonLeaf,
  PlaceLeaf,
  QuantitativeValueLeaf,
  Thing,
  WebSiteLeaf,
} from 'schema-dts';

/** A thing with a page on this site (speaker, organisation, event, listing), in the page's language. */
export interface PageRef {
  /** Its name. */
  readonly name: string;
  /** Absolute URL of its page. */
  readonly url: string;
}

/** The organisation publishing the site. */
export interface PublisherInput {
  /** Name in the page's language. */
  readonly name: string;
  /** Its website. */
  readonly url: string;
}

/** An image, by absolute URL. */
export interface ImageInput {
  /** Absolute URL. */
  readonly url: string;
  /** Width in pixels, when known. */
  readonly width?: number | undefined;
  /** Height in pixels, when known. */
  readonly height?: number | undefined;
  /** What it shows. */
  readonly caption?: string | undefined;
}

/** One language version of a story, as another version refers to it. */
export interface StoryVersionRef {
  /** Its headline. */
  readonly headline: string;
  /** Absolute URL. */
  readonly url: string;
  /** BCP 47 tag of its language. */
  readonly inLanguage: string;
}

/** A speaker as a story mentions them. */
export interface PersonRef extends PageRef {
  /** Role held in the story, or usual role. */
  readonly jobTitle?: string | undefined;
}

/** An event as a story is about it. */
export interface EventRef extends PageRef {
  /** First day, `YYYY-MM-DD`, when known. */
  readonly startDate?: string | undefined;
  /** Last day, when given. */
  readonly endDate?: string | undefined;
}

/** Everything a story page's `NewsArticle` says. */
export interface NewsArticleInput {
  /** Title. */
  readonly headline: string;
  /** Summary. */
  readonly description: string;
  /** Absolute URL of this version. */
  readonly url: string;
  /** BCP 47 tag of this version's language. */
  readonly inLanguage: string;
  /** ISO 8601 publication date. */
  readonly datePublished: string;
  /** ISO 8601 date of the last revision (defaults to the publication date). */
  readonly dateModified?: string | undefined;
  /** The cover or the generated share card. */
  readonly image?: ImageInput | undefined;
  /** Author and publisher. */
  readonly publisher: PublisherInput;
  /** Speakers, in the story's order. */
  readonly speakers: readonly PersonRef[];
  /** Organisations the story names. */
  readonly organisations: readonly PageRef[];
  /** The event the story covers. */
  readonly event?: EventRef | undefined;
  /** Topic labels. */
  readonly keywords: readonly string[];
  /** When this version is a translation: the original (primary) version. */
  readonly translationOf?: StoryVersionRef | undefined;
  /** When this version is the original: its translations. */
  readonly translations: readonly StoryVersionRef[];
  /** Its corrections, newest first, in its language. */
  readonly corrections?: readonly CorrectionInput[] | undefined;
}

/** A correction of a story version. */
export interface CorrectionInput {
  /** What was corrected. */
  readonly text: string;
  /** ISO 8601 date of the correction. */
  readonly datePublished: string;
}

/** Everything an event page's `Event` says. */
export interface EventInput extends EventRef {
  /** Theme or description. */
  readonly description?: string | undefined;
  /** Venue name. */
  readonly venue?: string | undefined;
  /** City. */
  readonly city?: string | undefined;
  /** Organising bodies. */
  readonly organisers: readonly PageRef[];
  /** The larger event it is part of. */
  readonly superEvent?: PageRef | undefined;
  /** Its sessions. */
  readonly subEvents: readonly PageRef[];
  /** Its official page elsewhere. */
  readonly sameAs?: string | undefined;
}

/** Everything a speaker page's `Person` says. */
export interface PersonInput extends PageRef {
  /** The name as written in the other languages. */
  readonly alternateNames: readonly string[];
  /** Usual role. */
  readonly jobTitle?: string | undefined;
  /** Their organisation. */
  readonly worksFor?: PageRef | undefined;
  /** Absolute URL of the portrait. */
  readonly image?: string | undefined;
  /** Official pages about them. */
  readonly sameAs: readonly string[];
  /** Short biography. */
  readonly description?: string | undefined;
}

/** Everything an organisation page's `Organization` says. */
export interface OrganizationInput extends PageRef {
  /** Other-language names and short names. */
  readonly alternateNames: readonly string[];
  /** Its own website. */
  readonly website?: string | undefined;
  /** The larger body it belongs to. */
  readonly parent?: PageRef | undefined;
  /** Its member bodies. */
  readonly members: readonly PageRef[];
}

/** Everything a home page's `WebSite` says. */
export interface WebSiteInput extends PageRef {
  /** The site's name in other languages. */
  readonly alternateNames: readonly string[];
  /** One-line description. */
  readonly description: string;
  /** BCP 47 tag(s) of the language(s) of the page. */
  readonly inLanguage: string | readonly string[];
  /** The publishing organisation. */
  readonly publisher: PublisherInput;
}

/**
 * `{ key: value }` when there is a value, `{}` otherwise: optional properties are left out rather
 * than written as `undefined` (strict optional types) or as empty lists (noise for consumers).
 */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return {};
  return { [key]: value } as { [P in K]?: V };
}

/** The publisher as an `Organization` (author and publisher of every story). */
export function publisherLd(publisher: PublisherInput): OrganizationLeaf {
  return { '@type': 'Organization', name: publisher.name, url: publisher.url };
}

/** A plain `Organization` reference to a page of this site. */
function organizationRef(ref: PageRef): OrganizationLeaf {
  return { '@type': 'Organization', name: ref.name, url: ref.url };
}

/** A plain `Event` reference to a page of this site. */
function eventRef(ref: EventRef): EventLeaf {
  return {
    '@type': 'Event',
    name: ref.name,
    url: ref.url,
    ...optional('startDate', ref.startDate),
    ...optional('endDate', ref.endDate),
  };
}

/** A size in pixels (`E37` is the UN/CEFACT code for pixel), the typed form of `width` and `height`. */
function pixels(value: number | undefined): QuantitativeValueLeaf | undefined {
  return value === undefined ? undefined : { '@type': 'QuantitativeValue', value, unitCode: 'E37' };
}

/** An `ImageObject`, with its size when known. */
function imageLd(image: ImageInput): ImageObjectLeaf {
  return {
    '@type': 'ImageObject',
    url: image.url,
    contentUrl: image.url,
    ...optional('width', pixels(image.width)),
    ...optional('height', pixels(image.height)),
    ...optional('caption', image.caption),
  };
}

/** A language version of a story, as another version links to it. */
function versionRef(version: StoryVersionRef): NewsArticleLeaf {
  return { '@type': 'NewsArticle', headline: version.headline, url: version.url, inLanguage: version.inLanguage };
}

/** The `NewsArticle` of one language version of a story. */
export function newsArticleLd(input: NewsArticleInput): NewsArticleLeaf {
  const publisher = publisherLd(input.publisher);
  const mentions: Thing[] = [
    ...input.speakers.map((s): PersonLeaf => ({
      '@type': 'Person',
      name: s.name,
      url: s.url,
      ...optional('jobTitle', s.jobTitle),
    })),
    ...input.organisations.map(organizationRef),
  ];
  return {
    '@type': 'NewsArticle',
    headline: input.headline,
    description: input.description,
    url: input.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
    inLanguage: input.inLanguage,
    datePublished: input.datePublished,
    dateModified: input.dateModified ?? input.datePublished,
    ...optional('image', input.image && imageLd(input.image)),
    author: publisher,
    publisher,
    ...optional('mentions', mentions),
    ...optional('about', input.event && eventRef(input.event)),
    ...optional('keywords', [...input.keywords]),
    ...optional('translationOfWork', input.translationOf && versionRef(input.translationOf)),
    ...optional('workTranslation', input.translations.map(versionRef)),
    ...optional(
      'correction',
      (input.corrections ?? []).map((c): CorrectionCommentLeaf => ({
        '@type': 'CorrectionComment',
        text: c.text,
        datePublished: c.datePublished,
      })),
    ),
  };
}

/**
 * The `Event` of an event page. schema.org requires `startDate`; an event whose dates are not known
 * yet has none, and no `eventStatus` either (it is not known to be scheduled).
 */
export function eventLd(input: EventInput): EventLeaf {
  const place: PlaceLeaf | undefined =
    input.venue !== undefined || input.city !== undefined
      ? {
          '@type': 'Place',
          name: input.venue ?? input.city ?? '',
          ...optional(
            'address',
            input.city === undefined ? undefined : { '@type': 'PostalAddress' as const, addressLocality: input.city },
          ),
        }
      : undefined;
  return {
    ...eventRef(input),
    ...optional('description', input.description),
    ...optional(
      'eventStatus',
      input.startDate === undefined ? undefined : ('https://schema.org/EventScheduled' as const),
    ),
    ...optional('location', place),
    ...optional('organizer', input.organisers.map(organizationRef)),
    ...optional('superEvent', input.superEvent && eventRef(input.superEvent)),
    ...optional('subEvent', input.subEvents.map(eventRef)),
    ...optional('sameAs', input.sameAs),
  };
}

/** The `Person` of a speaker page. */
export function personLd(input: PersonInput): PersonLeaf {
  return {
    '@type': 'Person',
    name: input.name,
    url: input.url,
    ...optional('alternateName', [...input.alternateNames]),
    ...optional('jobTitle', input.jobTitle),
    ...optional('worksFor', input.worksFor && organizationRef(input.worksFor)),
    ...optional('image', input.image),
    ...optional('sameAs', [...input.sameAs]),
    ...optional('description', input.description),
  };
}

/** The `Organization` of an organisation page: `url` is its page here, `sameAs` its own website. */
export function organizationLd(input: OrganizationInput): OrganizationLeaf {
  return {
    '@type': 'Organization',
    name: input.name,
    url: input.url,
    ...optional('alternateName', [...input.alternateNames]),
    ...optional('sameAs', input.website),
    ...optional('parentOrganization', input.parent && organizationRef(input.parent)),
    ...optional('subOrganization', input.members.map(organizationRef)),
  };
}

/** A `BreadcrumbList` from the home page down to the page itself. */
export function breadcrumbLd(trail: readonly PageRef[]): BreadcrumbListLeaf {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, i) => ({
      '@type': 'ListItem' as const,
      position: i + 1,
      name: crumb.name,
      item: crumb.url,
    })),
  };
}

/** The `WebSite` of a home page. */
export function webSiteLd(input: WebSiteInput): WebSiteLeaf {
  return {
    '@type': 'WebSite',
    name: input.name,
    url: input.url,
    ...optional('alternateName', [...input.alternateNames]),
    description: input.description,
    inLanguage: typeof input.inLanguage === 'string' ? input.inLanguage : [...input.inLanguage],
    publisher: publisherLd(input.publisher),
  };
}

/** One JSON-LD document holding all of a page's nodes, so a page carries exactly one script. */
export function jsonLdGraph(nodes: readonly Thing[]): Graph {
  return { '@context': 'https://schema.org', '@graph': nodes };
}

const UNSAFE_IN_SCRIPT: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON for the inside of `<script type="application/ld+json">`. The HTML parser ends a script at
 * `</script` and treats `<!--` specially whatever the JSON means, so `<`, `>` and `&` become
 * `\u003c`, `\u003e`, `\u0026` (and U+2028/U+2029, which older JavaScript parsers reject, their
 * escapes too). These characters only ever occur inside JSON strings, where the escapes mean the
 * same characters: `JSON.parse` gives back exactly the input.
 */
export function serializeJsonLd(value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError('serializeJsonLd: the value has no JSON form');
  return json.replace(/[<>&\u2028\u2029]/g, (c) => UNSAFE_IN_SCRIPT[c] ?? c);
}
