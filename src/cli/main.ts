import yargs from 'yargs'
import { hideBin } from 'yargs/helpers'
import { TapedeckError } from '../errors.ts'
import { conformCommand } from './conform-command.ts'
import { contractsCommand } from './contracts-command.ts'
import { coverageCommand } from './coverage-command.ts'
import { lintCommand } from './lint-command.ts'
import { recordCommand } from './record-command.ts'
import { replayCommand } from './replay-command.ts'
import { reportInternalError } from './report-internal-error.ts'
import { serveCommand } from './serve-command.ts'
import { verifyCommand } from './verify-command.ts'

/** Exit codes: 0 success, 1 failure, 2 usage or configuration error. */
const USAGE_CODES = new Set(['E_INVALID_OPTION', 'E_INVALID_STATE', 'E_LISTEN'])

/** Each command by the name it is typed as. */
const COMMANDS = {
  serve: serveCommand,
  contracts: contractsCommand,
  verify: verifyCommand,
  record: recordCommand,
  replay: replayCommand,
  lint: lintCommand,
  conform: conformCommand,
  coverage: coverageCommand,
} as const

const args = hideBin(process.argv)
const cli = yargs(args)
  .scriptName('tapedeck')
  .strict()
  .demandCommand(1, 'Name a command, e.g. "tapedeck serve".')
  .recommendCommands()
  .fail((message, error) => {
    if (error) throw error
    // One line, like every usage error: the full help is one `--help` away.
    const command = Object.hasOwn(COMMANDS, args[0] ?? '') ? `tapedeck ${args[0]}` : 'tapedeck'
    const reason = message.replace(/\s*\n\s*/g, ' ').replace(/[.\s]+$/, '')
    console.error(`Failed to parse "${command}": ${reason} (see "${command} --help")`)
    process.exit(2)
  })

for (const register of Object.values(COMMANDS)) register(cli)

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
