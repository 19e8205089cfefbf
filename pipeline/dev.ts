#!/usr/bin/env node
// `npm run dev`: Astro's dev server with the content check (pipeline/dev/integration.ts) — content
// errors show as Astro's error overlay on every page, warnings as a banner on their page, checked
// again after every save. Started through Astro's programmatic API to add the integration inline,
// as pipeline/build.ts builds: astro.config.mjs (the site) never imports the pipeline, and plain
// `astro dev` stays plain Astro. Options: --port N, --host ADDRESS (--host= for every address), --open.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dev } from 'astro';
import { buildSettings } from '#lib/environment.ts';
import { siteConfig } from '#site.config';
import { devCheck } from './dev/integration.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    open: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
if (values.help) {
  console.log(`npm run dev [-- --port N] [--host ADDRESS] [--open]

Astro's dev server with the content check: errors in content/ (or CONTENT_DIR) show as the error
overlay on every page, warnings as a banner on the page they concern; saving a file checks again.`);
  process.exit(0);
}
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`✖ --port ${values.port}: give a port number (1–65535)`);
  process.exit(2);
}
const settings = buildSettings(process.env);
await dev({
  root: process.cwd(),
  server: {
    ...(port === undefined ? {} : { port }),
    ...(values.host === undefined ? {} : { host: values.host === '' ? true : values.host }),
    ...(values.open ? { open: true } : {}),
  },
  integrations: [devCheck({ contentDir: path.resolve(settings.contentDir), config: siteConfig })],
});
