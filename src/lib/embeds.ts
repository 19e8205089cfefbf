/**
 * Video embeds: which addresses name a YouTube or Vimeo video, the privacy-enhanced player that
 * shows it (youtube-nocookie.com; player.vimeo.com with `dnt=1`) and the video's own page. The
 * article pipeline keeps an `<iframe>` only through {@link embedFor} (src/plugins/rehype-sanitize-body.ts)
 * and turns a video link standing alone in its paragraph into a player (src/plugins/rehype-embeds.ts);
 * the checker asks the same function whether an iframe or link will survive.
 *
 * Hand-written rather than a URL-parsing library (get-video-id, js-video-url-parser): those accept
 * any host that looks right and keep the rest of the address; here only an exact host, a validated
 * video id and a start time are read, and the player address is built from them alone, so nothing
 * else an editor (or a pasted embed code) wrote reaches the page: no tracking or autoplay parameter,
 * no look-alike host, no other scheme. Pure TypeScript, no `astro:` imports.
 */

/** Who plays the video: a recognised provider, or another player on an allowed host kept as written. */
export type EmbedProvider = 'youtube' | 'vimeo' | 'bilibili' | 'other';

/** How a video address will be shown. */
export interface Embed {
  /** The provider, for styling (`embed--youtube`) and reports. */
  readonly provider: EmbedProvider;
  /** The address the `<iframe>` loads: the privacy-enhanced player for recognised providers. */
  readonly src: string;
  /** The video's own page, linked beside the player for readers whose browser does not show it. */
  readonly original: string;
}

/** Where an address was written: an iframe's `src`, or a link standing alone in its paragraph. */
export type EmbedUse = 'iframe' | 'link';

// YouTube's ids are 11 characters of base64url; playlist ids are longer runs of the same.
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_LIST = /^[A-Za-z0-9_-]{10,80}$/;
const VIMEO_ID = /^\d{1,12}$/;
// The privacy hash of an unlisted Vimeo video (`vimeo.com/123/abcdef1234`, `?h=abcdef1234`).
const VIMEO_HASH = /^[0-9a-f]{6,32}$/i;
const BILIBILI_BVID = /^BV[0-9A-Za-z]{10}$/;
// A start time as YouTube and Vimeo write it: `90`, `90s`, `1m30s`, `1h2m3s`.
const START_TIME = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?$/;

const YOUTUBE_HOSTS = new Set([
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'youtube-nocookie.com',
  'www.youtube-nocookie.com',
]);
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com']);

const YOUTUBE_PLAYER = 'https://www.youtube-nocookie.com/embed/';
const VIMEO_PLAYER = 'https://player.vimeo.com/video/';

/** A written address parsed, and whether it named its scheme (`https:`) or borrowed the page's (`//`). */
interface Written {
  readonly url: URL;
  readonly schemeless: boolean;
}

/**
 * The address as a URL, if it is an http(s) address without credentials or a port. A
 * protocol-relative `//host/...` (old embed codes) is read as https, the scheme of the site.
 */
function parse(value: string): Written | undefined {
  const text = value.trim();
  const schemeless = text.startsWith('//');
  const absolute = schemeless ? `https:${text}` : text;
  if (!URL.canParse(absolute)) return undefined;
  const url = new URL(absolute);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username !== '' || url.password !== '' || url.port !== '') return undefined;
  return { url, schemeless };
}

/** The path's segments, without empty ones (`/embed/ID/` is `embed`, `ID`). */
function segments(url: URL): string[] {
  return url.pathname.split('/').filter((part) => part !== '');
}

/** Seconds from a start time (`90`, `1m30s`), or 0 when there is none or it is not one. */
export function startSeconds(value: string | null | undefined): number {
  const match = START_TIME.exec(value ?? '');
  if (!match) return 0;
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}

/** A parameter of the fragment (`#t=90s`), which Vimeo and old YouTube links use for the start time. */
function fragmentParam(url: URL, name: string): string | null {
  return new URLSearchParams(url.hash.slice(1)).get(name);
}

function youtube(url: URL): Embed | undefined {
  const parts = segments(url);
  let id: string | null | undefined;
  let list: string | null | undefined;
  if (url.hostname === 'youtu.be') {
    if (parts.length === 1) id = parts[0];
  } else if (YOUTUBE_HOSTS.has(url.hostname)) {
    const [first, second] = parts;
    if (first === 'watch' && parts.length === 1) id = url.searchParams.get('v');
    else if (first === 'playlist' && parts.length === 1) list = url.searchParams.get('list');
    else if (first === 'embed' && second === 'videoseries' && parts.length === 2) list = url.searchParams.get('list');
    else if (['embed', 'shorts', 'live', 'v'].includes(first ?? '') && parts.length === 2) id = second;
  }
  if (id && YOUTUBE_ID.test(id)) {
    const start = startSeconds(url.searchParams.get('start') ?? url.searchParams.get('t') ?? fragmentParam(url, 't'));
    return {
      provider: 'youtube',
      src: YOUTUBE_PLAYER + id + (start > 0 ? `?start=${start}` : ''),
      original: `https://www.youtube.com/watch?v=${id}` + (start > 0 ? `&t=${start}s` : ''),
    };
  }
  if (list && YOUTUBE_LIST.test(list)) {
    return {
      provider: 'youtube',
      src: `${YOUTUBE_PLAYER}videoseries?list=${list}`,
      original: `https://www.youtube.com/playlist?list=${list}`,
    };
  }
  return undefined;
}

function vimeo(url: URL): Embed | undefined {
  const parts = segments(url);
  let id: string | undefined;
  let hash: string | null | undefined;
  if (url.hostname === 'player.vimeo.com') {
    if (parts[0] === 'video' && parts.length === 2) [, id] = parts;
    hash = url.searchParams.get('h');
  } else if (VIMEO_HOSTS.has(url.hostname)) {
    // vimeo.com/ID, vimeo.com/ID/HASH (unlisted), vimeo.com/channels/NAME/ID, vimeo.com/groups/NAME/videos/ID.
    if (parts.length === 1 || (parts.length === 2 && VIMEO_HASH.test(parts[1] ?? ''))) [id, hash] = parts;
    else if (parts[0] === 'channels' && parts.length === 3) id = parts[2];
    else if (parts[0] === 'groups' && parts[2] === 'videos' && parts.length === 4) id = parts[3];
  }
  if (!id || !VIMEO_ID.test(id)) return undefined;
  const unlisted = hash && VIMEO_HASH.test(hash) ? hash : undefined;
  const start = startSeconds(fragmentParam(url, 't'));
  const at = start > 0 ? `#t=${start}s` : '';
  return {
    provider: 'vimeo',
    // `dnt=1`: Vimeo's "do not track" player sets no cookies and records no viewing session.
    src: `${VIMEO_PLAYER}${id}?${unlisted ? `h=${unlisted}&` : ''}dnt=1${at}`,
    original: `https://vimeo.com/${id}${unlisted ? `/${unlisted}` : ''}${at}`,
  };
}

/** The video page of a Bilibili player address (`player.html?bvid=BV…` or `?aid=…`), if it is one. */
function bilibiliPage(url: URL): string | undefined {
  if (url.hostname !== 'player.bilibili.com' || url.pathname !== '/player.html') return undefined;
  const bvid = url.searchParams.get('bvid') ?? '';
  const aid = url.searchParams.get('aid') ?? '';
  const video = BILIBILI_BVID.test(bvid) ? bvid : /^\d{1,12}$/.test(aid) ? `av${aid}` : undefined;
  if (!video) return undefined;
  const page = Number(url.searchParams.get('p') ?? url.searchParams.get('page') ?? '1');
  return `https://www.bilibili.com/video/${video}` + (Number.isInteger(page) && page > 1 ? `?p=${page}` : '');
}

/**
 * How a video address will be embedded, or `undefined` when it will not be (the iframe is removed;
 * the link stays a link). `embedHosts` is the site's allow list (`siteConfig.embedHosts`).
 *
 * - A YouTube (`youtube.com/embed/ID`, `/watch?v=ID`, `/shorts/ID`, `youtu.be/ID`, playlists) or
 *   Vimeo (`vimeo.com/ID`, `player.vimeo.com/video/ID`) address, over https, http or `//`, becomes the
 *   privacy-enhanced player with only the id, start time and unlisted-video hash kept, when that
 *   player's host is allowed.
 * - Any other iframe address is kept as written only when it is `https:` on an allowed host (exact
 *   name, no port, no credentials); a Bilibili player gets its video page as `original`, others
 *   their own address. A link standing alone is only ever turned into a YouTube or Vimeo player.
 */
export function embedFor(value: unknown, embedHosts: readonly string[], use: EmbedUse = 'iframe'): Embed | undefined {
  if (typeof value !== 'string') return undefined;
  const written = parse(value);
  if (!written) return undefined;
  const { url, schemeless } = written;
  const allowed = new Set(embedHosts.map((host) => host.toLowerCase()));
  const video = youtube(url) ?? vimeo(url);
  if (video && allowed.has(new URL(video.src).host)) return video;
  if (use === 'link') return undefined;
  // A maintainer may allow a player host we do not rewrite (or the non-private one on purpose).
  if (schemeless || url.protocol !== 'https:' || !allowed.has(url.host)) return undefined;
  const page = bilibiliPage(url);
  return {
    provider: video?.provider ?? (page ? 'bilibili' : 'other'),
    src: url.href,
    original: video?.original ?? page ?? url.href,
  };
}
