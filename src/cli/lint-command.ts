import type { Argv } from 'yargs'
import { resolveTapes, tapeArguments } from './tape-arguments.ts'

/** `tapedeck lint`: schema drift, secrets, duplicates and unreachable entries in HAR tapes. */
export function lintCommand(cli: Argv) {
  return cli.command(
    'lint <tapes..>',
    'Check tapes: response drift from the catalogue, secrets, duplicates, unreachable entries',
    (y) =>
      tapeArguments(y).option('json', {
        type: 'boolean',
        default: false,
        describe: 'Print the issues as JSON',
      }),
    async (argv) => {
      const { lintTape, readTape } = await import('../tapes/index.ts')
      const { credentialsFromEnv, secretsOf } = await import('../record/index.ts')
      const secrets = secretsOf(credentialsFromEnv(process.env))
      const tapes = resolveTapes(argv)
      const issues = (await Promise.all(tapes.map(readTape))).flatMap((tape) =>
        lintTape(tape, secrets),
      )
      if (argv.json) console.log(JSON.stringify(issues, null, 2))
      else {
        for (const issue of issues) console.log(`${issue.path}: ${issue.code}: ${issue.message}`)
        console.log(`${issues.length} issue(s) in ${tapes.length} tape(s)`)
      }
      if (issues.length > 0) process.exitCode = 1
    },
  )
}
