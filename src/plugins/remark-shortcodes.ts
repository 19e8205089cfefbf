/**
 * Hugo shortcodes written without the space, `{{<figure src="x.png" caption="…">}}`, printed as the
 * text the editor wrote, like `{{< figure >}}` with the space. Without the space, Markdown reads
 * `<figure src="x.png" caption="…">` as raw HTML between the text `{{` and `}}`: the sanitizer keeps
 * `<figure>`, which then stays open and takes in every paragraph after it, and drops `<youtube …>` or
 * `</figure>` with their attributes, leaving a stray `{{}}`. The checker warns about every shortcode
 * (pipeline/check/template-syntax.ts) as "printed as text": this plugin is what makes that true.
 *
 * Only a raw-HTML tag glued to `{{` before it and `}}` after it is taken: a tag written in prose
 * (`{{ <b>x</b> }}`, `<figure>` alone) is raw HTML as always.
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast';

/** Remark plugin: turns each `{{<tag …>}}` (raw HTML between `{{` and `}}`) back into text. */
export function remarkShortcodes(): (tree: Root) => void {
  return (tree) => {
    const visit = (node: Root | Parent): void => {
      joinShortcodes(node);
      for (const child of node.children) if ('children' in child) visit(child);
    };
    visit(tree);
  };
}

/** Joins `{{`, a raw tag and `}}` among `parent`'s children into one text node. */
function joinShortcodes(parent: Root | Parent): void {
  const children = parent.children as PhrasingContent[];
  for (let index = 1; index < children.length - 1; index++) {
    const before = children[index - 1];
    const tag = children[index];
    const after = children[index + 1];
    if (tag?.type !== 'html' || before?.type !== 'text' || after?.type !== 'text') continue;
    if (!before.value.endsWith('{{') || !after.value.startsWith('}}') || !tag.value.startsWith('<')) continue;
    const joined: Text = { type: 'text', value: before.value + tag.value + after.value };
    const start = before.position?.start;
    const end = after.position?.end;
    if (start && end) joined.position = { start, end };
    children.splice(index - 1, 3, joined);
    // The joined text may end with the `{{` of the next shortcode: look at it again.
    index -= 1;
  }
}
