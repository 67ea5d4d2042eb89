import type { Argv } from 'yargs'
import { resolveTapePath } from '../tapes/index.ts'
import { expandTapeGlobs } from './expand-tape-globs.ts'

/** The `<tapes..>` positional and `--dir` that every command reading tapes takes. */
export function tapeArguments<T>(y: Argv<T>) {
  return y
    .positional('tapes', {
      type: 'string',
      array: true,
      demandOption: true,
      describe: 'HAR tape files',
    })
    .option('dir', { type: 'string', default: '.', describe: 'Directory tapes must stay inside' })
}

/**
 * The tape paths, wildcards a shell left unexpanded expanded (`expandTapeGlobs`), resolved inside
 * `--dir`; one that escapes it is refused (exit 2).
 */
export function resolveTapes(argv: { tapes: unknown; dir: string }): string[] {
  return expandTapeGlobs(argv.tapes as string[]).map((tape) =>
    resolveTapePath(tape, argv.dir, 'TAPES'),
  )
}
