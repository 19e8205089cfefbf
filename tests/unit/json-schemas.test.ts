import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentJsonSchemas } from '#tools/json-schemas.ts';
import { localeCodes, siteConfig } from '#site.config';

const root = path.resolve(import.meta.dirname, '../..');

describe('generated JSON Schemas', () => {
  const schemas = contentJsonSchemas(localeCodes as [string, ...string[]], siteConfig.timeZone);
  it('are committed and up to date (run `npm run schemas` after changing a schema)', async () => {
    for (const [name, schema] of Object.entries(schemas)) {
      const committed = JSON.parse(await readFile(path.join(root, 'schemas', `${name}.schema.json`), 'utf8'));
      expect(committed, name).toEqual(schema);
    }
  });
  it('describe per-language fields with the default locale required and no unknown keys', () => {
    const speaker = schemas['speaker'] as {
      properties: { name: unknown };
      required: string[];
      additionalProperties: boolean;
    };
    expect(speaker.required).toEqual(['name']);
    expect(speaker.additionalProperties).toBe(false);
    expect(speaker.properties.name).toMatchObject({ required: ['en'], properties: { zh: { type: 'string' } } });
  });
});
