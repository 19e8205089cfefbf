#!/usr/bin/env node
// `npm run schemas`: writes schemas/<name>.schema.json from the zod schemas (see README, "Editor support").
import { mkdir, writeFile } from 'node:fs/promises';
import { contentJsonSchemas } from '#tools/json-schemas.ts';
import { localeCodes, siteConfig } from '#site.config';

const schemas = contentJsonSchemas(localeCodes as [string, ...string[]], siteConfig.timeZone);
await mkdir('schemas', { recursive: true });
for (const [name, schema] of Object.entries(schemas)) {
  await writeFile(`schemas/${name}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schemas/${name}.schema.json`);
}
