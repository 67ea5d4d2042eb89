import type { Argv } from 'yargs'
import { TapedeckError } from '../errors.ts'
import { expandTapeGlobs } from './expand-tape-globs.ts'
import { cliTapePath, DIR_OPTION } from './tape-arguments.ts'

/** `tapedeck import`: a tapedeck tape from HAR files of any recorder (Polly.JS, devtools, mitmproxy). */
export function importCommand(cli: Argv) {
  return cli.command(
    'import <files..>',
    'Write a tape from HAR files of other recorders, redacted and leak-scanned like a recording',
    (y) =>
      y
        .positional('files', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'HAR 1.2 files (Polly.JS, browser devtools, mitmproxy, …)',
        })
        .option('out', {
          type: 'string',
          demandOption: true,
          describe: 'Tape to write (taken as given; inside --dir when it is given)',
        })
        .option('dir', DIR_OPTION),
    async (argv) => {
      const { importTape, readTape, writeTape } = await import('../tapes/index.ts')
      const { credentialsFromEnv, secretsOf } = await import('../record/index.ts')
      const out = cliTapePath(argv.out, argv.dir, '--out')
      const files = expandTapeGlobs(argv.files as string[])
      const imported = importTape(
        await Promise.all(files.map((file) => readTape(file))),
        Date.now(),
      )
      for (const { source, entry, reason } of imported.skipped)
        console.log(`tapedeck import: skipped ${source} log.entries[${entry}]: ${reason}`)
      const count = imported.tape.log.entries.length
      if (count === 0)
        throw new TapedeckError(
          'E_INVALID_TAPE',
          `Failed to import ${files.join(', ')}: no entry is a call tapedeck knows; nothing was written`,
        )
      // The values redaction removed and the configured secrets: a leak refuses the whole tape.
      const secrets = [...imported.secrets, ...secretsOf(credentialsFromEnv(process.env))]
      await writeTape(out, imported.tape, secrets)
      console.log(
        `tapedeck import: wrote ${count} interaction(s) from ${files.length} file(s) to ${argv.out}${imported.skipped.length ? ` (${imported.skipped.length} skipped)` : ''}`,
      )
    },
  )
}
