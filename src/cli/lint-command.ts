import type { Argv } from 'yargs'
import { TapedeckError } from '../errors.ts'
import { reportInternalError } from './report-internal-error.ts'
import { resolveTapes, tapeArguments } from './tape-arguments.ts'

/** The error codes a user fixes in the command line (exit 2); others exit 1, like `main`. */
const USAGE_CODES = new Set(['E_INVALID_OPTION'])

/** `tapedeck lint`: schema drift, secrets, duplicates and unreachable entries in HAR tapes. */
export function lintCommand(cli: Argv) {
  return cli.command(
    'lint <tapes..>',
    'Check tapes: response drift from the catalogue, secrets, duplicates, unreachable entries',
    (y) =>
      tapeArguments(y).option('json', {
        type: 'boolean',
        default: false,
        describe: 'Print the issues as JSON (a failure as {"error":{"code","message"}})',
      }),
    async (argv) => {
      try {
        await lint(argv)
      } catch (error) {
        if (!argv.json) throw error
        // --json is JSON whatever happens: a failure is an object with a stable code.
        const known = error instanceof TapedeckError
        const message = known ? error.message : reportInternalError(error, process.argv.slice(2))
        const code = known ? error.code : 'E_INTERNAL'
        console.log(JSON.stringify({ error: { code, message } }, null, 2))
        process.exitCode = USAGE_CODES.has(code) ? 2 : 1
      }
    },
  )
}

async function lint(argv: { tapes: unknown; dir?: string | undefined; json: boolean }) {
  const { lintTape, readTape } = await import('../tapes/index.ts')
  const { credentialsFromEnv, secretsOf } = await import('../record/index.ts')
  const secrets = secretsOf(credentialsFromEnv(process.env))
  const tapes = resolveTapes(argv)
  const issues = (await Promise.all(tapes.map((file) => readTape(file)))).flatMap((tape) =>
    lintTape(tape, secrets),
  )
  if (argv.json) console.log(JSON.stringify(issues, null, 2))
  else {
    for (const issue of issues)
      console.log(
        `${issue.path}${issue.field ? ` ${issue.field}` : ''}: ${issue.code}: ${issue.message}`,
      )
    console.log(`${issues.length} issue(s) in ${tapes.length} tape(s)`)
  }
  if (issues.length > 0) process.exitCode = 1
}
