import { describe, expect, it } from 'vitest';
import { buildDefaults, buildSettings } from '#lib/environment.ts';

describe('buildSettings', () => {
  it('gives the defaults when nothing is set', () => {
    expect(buildSettings({})).toEqual({
      contentDir: 'content',
      outDir: 'dist',
      cacheDir: 'node_modules/.astro',
      siteUrl: 'https://news.example.org',
      basePath: '/',
    });
    expect(buildSettings({})).toEqual(buildDefaults);
  });

  it('reads each variable', () => {
    expect(
      buildSettings({
        CONTENT_DIR: '/srv/archive',
        OUT_DIR: 'public-site',
        ASTRO_CACHE_DIR: '/tmp/cache',
        SITE_URL: 'https://preview.example.org',
        BASE_PATH: '/previews/pr-42/',
      }),
    ).toEqual({
      contentDir: '/srv/archive',
      outDir: 'public-site',
      cacheDir: '/tmp/cache',
      siteUrl: 'https://preview.example.org',
      basePath: '/previews/pr-42/',
    });
  });

  it('treats an empty variable, as CI templates leave them, as unset', () => {
    expect(buildSettings({ CONTENT_DIR: '', BASE_PATH: '' })).toMatchObject({ contentDir: 'content', basePath: '/' });
  });
});
