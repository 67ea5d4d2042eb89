import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import yargs from 'yargs'
import { hideBin } from 'yargs/helpers'
import { TapedeckError } from '../errors.ts'
import { conformCommand } from './conform-command.ts'
import { contractsCommand } from './contracts-command.ts'
import { lintCommand } from './lint-command.ts'
import { recordCommand } from './record-command.ts'
import { replayCommand } from './replay-command.ts'
import { serveCommand } from './serve-command.ts'
import { verifyCommand } from './verify-command.ts'

/** Exit codes: 0 success, 1 failure, 2 usage or configuration error. */
const USAGE_CODES = new Set(['E_INVALID_OPTION', 'E_INVALID_STATE', 'E_LISTEN'])

const cli = yargs(hideBin(process.argv))
  .scriptName('tapedeck')
  .strict()
  .demandCommand(1, 'Name a command, e.g. "tapedeck serve".')
  .recommendCommands()
  .fail((message, error, y) => {
    if (error) throw error
    console.error(`${y.help()}\n\n${message}`)
    process.exit(2)
  })

serveCommand(cli)
contractsCommand(cli)
verifyCommand(cli)
recordCommand(cli)
replayCommand(cli)
lintCommand(cli)
conformCommand(cli)

try {
  await cli.parseAsync()
} catch (error) {
  if (error instanceof TapedeckError) {
    console.error(error.message)
    process.exit(USAGE_CODES.has(error.code) ? 2 : 1)
  }
  console.error(reportInternalError(error))
  process.exit(1)
}

/**
 * An error nobody expected (a bug, or a failure no edge check knew of): one line for the user, the
 * full trace in a file in the temporary directory for the bug report.
 */
function reportInternalError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const file = join(tmpdir(), `tapedeck-error-${process.pid}-${Date.now()}.log`)
  const trace = error instanceof Error ? (error.stack ?? message) : message
  try {
    writeFileSync(file, `tapedeck ${hideBin(process.argv).join(' ')}\n${trace}\n`)
  } catch {
    return `Failed to run "tapedeck ${hideBin(process.argv)[0] ?? ''}": ${firstLine(message)} (internal error; the trace could not be written: ${firstLine(trace)})`
  }
  return `Failed to run "tapedeck ${hideBin(process.argv)[0] ?? ''}": ${firstLine(message)} (internal error; full trace in ${file})`
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? ''
}
