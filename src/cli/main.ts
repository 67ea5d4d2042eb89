import yargs from 'yargs'
import { hideBin } from 'yargs/helpers'
import { TapedeckError } from '../errors.ts'
import { conformCommand } from './conform-command.ts'
import { contractsCommand } from './contracts-command.ts'
import { coverageCommand } from './coverage-command.ts'
import { importCommand } from './import-command.ts'
import { lintCommand } from './lint-command.ts'
import { recordCommand } from './record-command.ts'
import { replayCommand } from './replay-command.ts'
import { reportInternalError } from './report-internal-error.ts'
import { serveCommand } from './serve-command.ts'
import { verifyCommand } from './verify-command.ts'

/** Exit codes: 0 success, 1 failure, 2 usage or configuration error. */
const USAGE_CODES = new Set([
  'E_INVALID_OPTION',
  'E_INVALID_STATE',
  'E_LISTEN',
  'E_UNREACHABLE',
  'E_BROKER',
  'E_MISSING_DEPENDENCY',
])

/** Each command by the name it is typed as. */
const COMMANDS = {
  serve: serveCommand,
  contracts: contractsCommand,
  verify: verifyCommand,
  record: recordCommand,
  replay: replayCommand,
  lint: lintCommand,
  import: importCommand,
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
    const line = `Failed to parse "${command}": ${reason} (see "${command} --help")`
    // `lint --json` answers in JSON whatever happens, a mistyped command line included.
    if (args[0] === 'lint' && args.includes('--json'))
      console.log(JSON.stringify({ error: { code: 'E_INVALID_OPTION', message: line } }, null, 2))
    else console.error(line)
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
