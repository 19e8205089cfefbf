/**
 * The fields of a file that can be read when the file as a whole does not validate. The checker
 * reports the invalid fields, then runs every other rule (story rules, drift between translations,
 * parent chains) with the fields that are fine, so one run tells the editor everything.
 */
import { z } from 'astro/zod';

/**
 * Each field of an object schema validated on its own: the valid ones with their parsed values
 * (defaults applied), the others left out. Rules spanning fields (an event's end after its start)
 * are not applied: the whole-object validation reports them. A schema that is not an object reads nothing.
 */
export function readableFields(schema: z.ZodType, data: unknown): Record<string, unknown> {
  if (!(schema instanceof z.ZodObject) || data === null || typeof data !== 'object' || Array.isArray(data)) return {};
  const fields: Record<string, unknown> = {};
  const input = data as Record<string, unknown>;
  const shape: Record<string, z.ZodType> = schema.shape;
  for (const [key, field] of Object.entries(shape)) {
    const result = field.safeParse(input[key]);
    if (result.success && result.data !== undefined) fields[key] = result.data;
  }
  return fields;
}
