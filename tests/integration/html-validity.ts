/** Runs html-validate (the project's `.htmlvalidate.mjs`: recommended rules) over every page of a built site. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { FileSystemConfigLoader, HtmlValidate, formatterFactory } from 'html-validate';

/** Every `.html` file under `dir`. */
async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => path.join(e.parentPath, e.name));
}

/** Validates every page; returns the number of pages and a readable report of the errors (empty when valid). */
export async function validateSite(dir: string): Promise<{ pages: number; report: string; errors: number }> {
  const validator = new HtmlValidate(new FileSystemConfigLoader());
  const files = await htmlFiles(dir);
  const results = [];
  let errors = 0;
  for (const file of files) {
    const report = await validator.validateFile(file);
    errors += report.errorCount;
    if (!report.valid) results.push(...report.results);
  }
  const stylish = formatterFactory('stylish');
  return { pages: files.length, errors, report: results.length > 0 ? stylish(results) : '' };
}
