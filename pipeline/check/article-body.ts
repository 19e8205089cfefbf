/**
 * The rules of one article's body: the files it names, what the renderer drops or prints literally,
 * to-dos, and the site's own Markdown extensions. They share one parse of each part of the body that
 * may concern them (most bodies: none).
 */
import type { CheckRun } from './check-run.ts';
import { bodyLint } from './body-lint.ts';
import { bodySyntax } from './body-syntax.ts';
import { bodyAssetProblem, bodyAssets, type AssetFolders } from './images.ts';
import { bodyRegions } from './markdown.ts';
import { bodyTodos } from './todos.ts';
import type { Position } from '#lib/yaml.ts';

/** Reports the problems of the body of the article `rel`, whose first line is line `bodyLine` of the file. */
export async function checkBodyRules(
  run: CheckRun,
  rel: string,
  body: string,
  bodyLine: number,
  folders: AssetFolders,
): Promise<void> {
  for (const region of bodyRegions(body)) {
    const at = (position: { line: number; column: number }): Position => ({
      line: bodyLine + region.line - 1 + position.line - 1,
      column: position.column,
    });
    // Every file the body names (Markdown and raw-HTML images, posters, sources), relative or site-absolute.
    for (const asset of bodyAssets(region.parsed)) {
      const problem = await bodyAssetProblem(folders, rel, asset);
      const field = asset.kind === 'image' ? '(body image)' : '(body file)';
      if (problem) run.report(rel, at(asset), problem.severity, field, problem.message);
    }
    // What the renderer drops or prints literally: warnings, the text still publishes.
    for (const note of bodyLint(region.parsed, { embedHosts: run.config.embedHosts })) {
      run.report(rel, at(note), 'warning', '(body)', note.message);
    }
    for (const todo of bodyTodos(region.parsed)) {
      run.report(
        rel,
        at({ line: todo.index + 1, column: todo.column }),
        'warning',
        '(body)',
        `to-do left: ${todo.text}`,
      );
    }
  }
  // What the site's own Markdown extensions make of it: directives, `{#id}` heading ids, formulas.
  for (const note of bodySyntax(body)) {
    run.report(rel, { line: bodyLine + note.line - 1, column: note.column }, 'warning', '(body)', note.message);
  }
}
