import { homedir } from 'node:os'
import { resolve } from 'node:path'
import type { Argv } from 'yargs'
import { resolveTapePath } from '../tapes/index.ts'
import { expandTapeGlobs } from './expand-tape-globs.ts'

/** What `--dir` means on every command that takes tape paths. */
export const DIR_OPTION = {
  type: 'string',
  describe: 'Refuse tape paths outside this directory (default: no limit)',
} as const

/** The `<tapes..>` positional and `--dir` that every command reading tapes takes. */
export function tapeArguments<T>(y: Argv<T>) {
  return y
    .positional('tapes', {
      type: 'string',
      array: true,
      demandOption: true,
      describe: 'HAR tape files',
    })
    .option('dir', DIR_OPTION)
}

/**
 * The tape paths as given, wildcards a shell left unexpanded expanded (`expandTapeGlobs`), each
 * resolved against the working directory (and kept inside `--dir` when it is given).
 */
export function resolveTapes(argv: { tapes: unknown; dir?: string | undefined }): string[] {
  return expandTapeGlobs(argv.tapes as string[]).map((tape) => cliTapePath(tape, argv.dir, 'TAPES'))
}

/**
 * A tape path typed on the command line, taken as given: resolved against the working directory
 * (a leading `~` is the home directory, for a path quoted past the shell). Only when the user asked
 * for it with `--dir` (itself resolved against the working directory) must it stay inside.
 */
export function cliTapePath(path: string, dir: string | undefined, option: string): string {
  const absolute = resolve(path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path)
  return dir === undefined ? absolute : resolveTapePath(absolute, resolve(dir), option, '--dir')
}
