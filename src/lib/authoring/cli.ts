/** Command-line helpers shared by `npm run new` and `npm run import`. */
import { didYouMean } from '../suggest.ts';

/**
 * Lets a list option take several values after one flag, as editors type them:
 * `--speaker a b --tag x,y` becomes `--speaker a --speaker b --tag x --tag y`. A following word stops
 * the list as soon as it could not be an id (a title with spaces or capitals is the positional).
 */
export function expandListOptions(args: readonly string[], listOptions: readonly string[]): string[] {
  const ids = (text: string): string[] => text.split(',').filter((x) => x !== '');
  const out: string[] = [];
  // The list flag whose values are being read; the flag itself is already in `out`, so that
  // parseArgs still sees it (and its "needs a value" error) when no id follows.
  let list: string | undefined;
  let count = 0;
  for (const arg of args) {
    if (arg.startsWith('-')) {
      const [name = '', inline] = arg.split(/=(.*)/s);
      const isList = listOptions.includes(name.replace(/^--?/, ''));
      if (isList && inline !== undefined) {
        for (const id of ids(inline)) out.push(name, id);
        list = undefined;
      } else {
        out.push(arg);
        list = isList ? name : undefined;
        count = 0;
      }
    } else if (list !== undefined && /^[a-z0-9,-]+$/.test(arg)) {
      for (const id of ids(arg)) {
        if (count++ > 0) out.push(list);
        out.push(id);
      }
    } else {
      list = undefined;
      out.push(arg);
    }
  }
  return out;
}

/** Turns a `node:util` parseArgs error into a sentence with a "did you mean" for misspelt options. */
export function describeArgumentError(error: unknown, options: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message);
  if (unknown?.[1]) {
    const name = unknown[1].replace(/^-+/, '');
    const hint = didYouMean(name, options);
    return `unknown option ${unknown[1]}.${hint ? hint.replace(/"([^"]+)"/, '"--$1"') : ''}`;
  }
  const missing = /Option '(-{1,2}[^']+?)(?: <value>)?' argument missing/.exec(message);
  if (missing?.[1]) return `${missing[1]} needs a value after it`;
  return message.split('\n')[0] ?? message;
}
