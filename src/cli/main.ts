import yargs from 'yargs'
import { hideBin } from 'yargs/helpers'
import { TapedeckError } from '../errors.ts'
import { conformCommand } from './conform-command.ts'
import { contractsCommand } from './contracts-command.ts'
import { lintCommand } from './lint-command.ts'
import { recordCommand } from './record-command.ts'
import { replayCommand } from './replay-command.ts'
import { reportInternalError } from './report-internal-error.ts'
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
  console.error(reportInternalError(error, hideBin(process.argv)))
  process.exit(1)
}
