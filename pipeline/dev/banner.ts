/**
 * The dev server's banner of content warnings (to-dos, drafts, links that go nowhere…) at the top
 * of the page they concern: plain HTML with inline styles, so it shows without JavaScript and
 * without the site's stylesheet, and is a landmark with a heading (`<aside aria-labelledby>`) that
 * screen readers list. Its colours (dark brown on pale amber) have a contrast ratio over 10:1. Only
 * the dev integration (./integration.ts) injects it; a build never has it. Hand-written HTML: a
 * dozen elements, every text escaped.
 */
import type { Problem } from '#pipeline/check/problems.ts';

/** The banner's id, for tests and for anyone styling it. */
export const BANNER_ID = 'content-check-warnings';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The banner listing `warnings` (all of one page), or '' when there is none. */
export function warningBanner(warnings: readonly Problem[]): string {
  if (warnings.length === 0) return '';
  const count = warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`;
  const items = warnings
    .map(
      (p) =>
        `<li style="margin:0.25rem 0"><code style="font-family:ui-monospace,monospace;font-size:0.85em">${escapeHtml(`${p.file}:${p.line}:${p.column}`)}</code> <strong>${escapeHtml(p.field)}</strong>: ${escapeHtml(p.message)}</li>`,
    )
    .join('');
  return (
    `<aside id="${BANNER_ID}" aria-labelledby="${BANNER_ID}-title" data-dev-only="" ` +
    `style="all:initial;display:block;box-sizing:border-box;margin:0;padding:0.75rem 1rem;background:#fff4d6;color:#3d2a00;` +
    `border-bottom:3px solid #8a5a00;font:15px/1.45 system-ui,sans-serif;overflow-wrap:anywhere">` +
    `<h2 id="${BANNER_ID}-title" style="margin:0 0 0.25rem;font-size:1rem;font-weight:700;color:#3d2a00">` +
    `Content check (dev only): ${count} on this page</h2>` +
    `<ul style="margin:0;padding-left:1.25rem;color:#3d2a00">${items}</ul>` +
    `<p style="margin:0.25rem 0 0;color:#3d2a00">Warnings do not stop the build. <code style="font-family:ui-monospace,monospace">npm run check</code> lists every one.</p>` +
    `</aside>`
  );
}

/** `html` with `banner` right after the `<body>` tag (at the start when there is none). */
export function injectBanner(html: string, banner: string): string {
  if (banner === '') return html;
  const body = /<body\b[^>]*>/i.exec(html);
  if (!body) return banner + html;
  const at = body.index + body[0].length;
  return html.slice(0, at) + banner + html.slice(at);
}
