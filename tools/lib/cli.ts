/**
 * The command-line conventions every script shares: `--help` prints the help and exits 0; a usage
 * error names the command, says how to get help, and exits 2.
 */
import { didYouMean } from '#lib/suggest.ts';
import { contentFolderProblem, EditorFileError } from '#tools/authoring/content-io.ts';

/** Prints a usage error for `command` (as in `npm run <command>`) and exits 2. */
export function usageError(command: string, message: string): never {
  console.error(`${command}: ${message}`);
  console.error(`Run npm run ${command} -- --help for usage.`);
  process.exit(2);
}

/**
 * Runs `parse` (a `parseArgs` call, typed at the call site); prints `help` and exits on `--help`.
 * Unknown or malformed options go to `onError` (default: a usage error, exit 2).
 */
export function parseCommandLine<T extends { values: { help?: boolean | undefined } }>(
  command: string,
  help: string,
  parse: () => T,
  onError: (error: unknown) => never = (error) =>
    usageError(command, error instanceof Error ? error.message : String(error)),
): T {
  let parsed: T;
  try {
    parsed = parse();
  } catch (error) {
    return onError(error);
  }
  if (parsed.values.help) {
    console.log(help);
    process.exit(0);
  }
  return parsed;
}

/**
 * Prints an editor command's errors (`error: …`, one per line) and exits: 1 when it refused and
 * wrote nothing, 2 on wrong usage (with where to find the options).
 */
export function refuse(command: string, errors: readonly string[], status: 1 | 2): never {
  for (const e of errors) console.error(`error: ${e}`);
  console.error(status === 2 ? `Run npm run ${command} -- --help for the options.` : 'Nothing was written.');
  process.exit(status);
}

/**
 * Like {@link refuse} (exit 1) for a command that failed after writing some files: the one error
 * line, then which files were written (so "Nothing was written." is never said when untrue) and
 * what to do.
 */
export function refuseAfterWriting(error: string, written: readonly string[], next: string): never {
  console.error(`error: ${error}`);
  console.error(`Written before the failure: ${written.join(', ')}; ${next}.`);
  process.exit(1);
}

/** How an editor command stops with its own wording: messages and an exit status. */
export type Fail = (errors: readonly string[], status: 1 | 2) => never;

/** Runs a file operation; an expected failure (a link, a read-only or full disk) is one line and exit 1. */
export async function orRefuse<T>(operation: () => Promise<T>, fail: Fail): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof EditorFileError) fail([error.message], 1);
    throw error;
  }
}

/**
 * Stops unless `contentDir` is a real folder: a missing folder or a file in its place is a wrong
 * `--content` (usage, exit 2, as `npm run status`); a link in its place is refused content (exit 1).
 */
export async function requireContentFolder(contentDir: string, fail: Fail): Promise<void> {
  const problem = await orRefuse(() => contentFolderProblem(contentDir), fail);
  if (problem) fail([problem.message], problem.code === 'ELINK' ? 1 : 2);
}

// List options and argument errors, as `npm run new` and `npm run import` take them.

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
