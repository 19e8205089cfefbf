/**
 * The environment variables the build, the site and the tools read, with their defaults, in one
 * place. An empty variable, as CI templates often leave, counts as unset. Pure: the caller passes
 * `process.env` (or anything shaped like it).
 */

/** Environment variables as Node gives them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Where the build reads and writes, and where the site is published. */
export interface BuildSettings {
  /** `CONTENT_DIR`: the content folder, relative to the working folder (default `content`). */
  readonly contentDir: string;
  /** `OUT_DIR`: the published site (default `dist`, a link to the current version). */
  readonly outDir: string;
  /** `ASTRO_CACHE_DIR`: Astro's content store, rendered bodies, share cards, search shards. */
  readonly cacheDir: string;
  /** `SITE_URL`: the absolute address of the site (default `https://news.example.org`). */
  readonly siteUrl: string;
  /** `BASE_PATH`: the path the site lives under (default `/`; previews use `/previews/pr-42/`). */
  readonly basePath: string;
}

/** The defaults of {@link BuildSettings}. */
export const buildDefaults: BuildSettings = {
  contentDir: 'content',
  outDir: 'dist',
  cacheDir: 'node_modules/.astro',
  siteUrl: 'https://news.example.org',
  basePath: '/',
};

/** A variable's value, or `fallback` when it is unset or empty. */
const value = (env: Environment, name: string, fallback: string): string => env[name] || fallback;

/** The build settings of `env` (`process.env`). */
export function buildSettings(env: Environment): BuildSettings {
  return {
    contentDir: value(env, 'CONTENT_DIR', buildDefaults.contentDir),
    outDir: value(env, 'OUT_DIR', buildDefaults.outDir),
    cacheDir: value(env, 'ASTRO_CACHE_DIR', buildDefaults.cacheDir),
    siteUrl: value(env, 'SITE_URL', buildDefaults.siteUrl),
    basePath: value(env, 'BASE_PATH', buildDefaults.basePath),
  };
}
