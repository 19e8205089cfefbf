/** The YAML files of the benchmark corpus's registries, written line by line, and the YAML helpers articles share. */
import { isoDay, type CorpusFile, type CorpusPlan } from './corpus-model.ts';
import type { Bilingual } from './vocabulary.ts';

/** A YAML scalar for any text: JSON strings are valid YAML double-quoted strings. */
export const q = (text: string): string => JSON.stringify(text);

/** YAML lines of a per-language map. */
export function localized(key: string, value: Bilingual, indent = ''): string[] {
  return [`${indent}${key}:`, `${indent}  en: ${q(value.en)}`, `${indent}  zh: ${q(value.zh)}`];
}

/** YAML lines of a list of ids. */
export function idList(key: string, ids: readonly string[]): string[] {
  return ids.length === 0 ? [] : [`${key}:`, ...ids.map((id) => `  - ${id}`)];
}

/** The registry files. */
export function* registryFiles(plan: CorpusPlan): Generator<CorpusFile> {
  for (const o of plan.organisations) {
    const lines = [...localized('name', o.name)];
    if (o.short) lines.push(...localized('short', o.short));
    if (o.url) lines.push(`url: ${o.url}`);
    if (o.parent) lines.push(`parent: ${o.parent}`);
    yield { path: `organisations/${o.id}.yaml`, text: `${lines.join('\n')}\n` };
  }
  for (const s of plan.speakers) {
    const lines = [...localized('name', s.name)];
    if (s.sortAs) lines.push('sortAs:', `  en: ${q(s.sortAs)}`);
    if (s.role) lines.push(...localized('role', s.role));
    if (s.organisation) lines.push(`organisation: ${s.organisation}`);
    if (s.bio) lines.push(...localized('bio', s.bio));
    if (s.link) lines.push('links:', '  - label: Profile', `    url: ${s.link}`);
    yield { path: `speakers/${s.id}.yaml`, text: `${lines.join('\n')}\n` };
  }
  for (const e of plan.events) {
    const lines = [...localized('name', e.name)];
    if (e.start !== undefined) lines.push(`start: ${isoDay(e.start)}`);
    if (e.end !== undefined) lines.push(`end: ${isoDay(e.end)}`);
    lines.push(...localized('city', e.city));
    if (e.venue) lines.push(...localized('venue', e.venue));
    lines.push(...idList('organisers', e.organisers));
    if (e.theme) lines.push(...localized('theme', e.theme));
    if (e.partOf) lines.push(`partOf: ${e.partOf}`);
    if (e.url) lines.push(`url: ${e.url}`);
    yield { path: `events/${e.id}.yaml`, text: `${lines.join('\n')}\n` };
  }
  for (const t of plan.tags) {
    const lines = [...localized('label', t.label)];
    if (t.description) lines.push(...localized('description', t.description));
    yield { path: `tags/${t.id}.yaml`, text: `${lines.join('\n')}\n` };
  }
}
