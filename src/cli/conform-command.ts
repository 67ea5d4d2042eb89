import { writeFile } from 'node:fs/promises'
import type { Argv } from 'yargs'
import { z } from 'zod'
import { operations } from '../catalog/index.ts'
import { InvalidOptionError, TapedeckError } from '../errors.ts'
import { assertPath } from './assert-path.ts'

const optionsSchema = z.object({
  client: z.string().min(1, 'give the command that runs your client'),
  persistent: z.boolean(),
  timeout: z.number().int().positive('must be a positive number of milliseconds'),
  window: z.number().int().positive('must be a positive number of seconds'),
  provider: z.string().optional(),
  operation: z.string().optional(),
  only: z.string().optional(),
  json: z.string().optional(),
  junit: z.string().optional(),
})

/**
 * `tapedeck conform`: runs the conformance scenarios against a client command. Exit 0 when every
 * applicable scenario passes, 1 when one fails, 2 for a usage or set-up error (a client that does not
 * start, prints no JSON, or times out).
 */
export function conformCommand(cli: Argv) {
  return cli.command(
    'conform',
    'Check a client implementation (any language) against the contracts and the extra checks',
    (y) =>
      y
        .option('client', {
          type: 'string',
          demandOption: true,
          describe: 'Shell command that runs the client (one scenario JSON per stdin line)',
        })
        .option('persistent', {
          type: 'boolean',
          default: false,
          describe: 'Start the client once and send one scenario per line',
        })
        .option('timeout', {
          type: 'number',
          default: 10_000,
          describe: 'Per-scenario timeout, ms',
        })
        .option('window', {
          type: 'number',
          default: 300,
          describe: 'Allowed clock skew for signatures, seconds',
        })
        .option('provider', {
          type: 'string',
          describe: `Only this provider: ${[...new Set(operations.map((op) => op.provider))].join(', ')}`,
        })
        .option('operation', { type: 'string', describe: 'Only this operation (id or action)' })
        .option('only', { type: 'string', describe: 'Only scenario ids containing / matching (*)' })
        .option('json', { type: 'string', describe: 'Write the JSON report to this file' })
        .option('junit', { type: 'string', describe: 'Write a JUnit XML report to this file' }),
    async (argv) => {
      const parsed = optionsSchema.safeParse(argv)
      if (!parsed.success) {
        const first = parsed.error.issues[0]!
        throw new InvalidOptionError(`--${first.path.join('.')}`, first.message)
      }
      const options = parsed.data
      if (options.json) await assertPath('--json', options.json, 'new-file')
      if (options.junit) await assertPath('--junit', options.junit, 'new-file')
      const conformance = await import('../conformance/index.ts')
      const selection = {
        provider: options.provider,
        operation: options.operation,
        only: options.only,
      }
      const scenarios = conformance.conformScenarios()
      const total = conformance.selectScenarios(scenarios, selection).length
      if (total === 0) {
        const choices = (pick: (s: (typeof scenarios)[number]) => string) =>
          [...new Set(scenarios.map(pick))].join(', ')
        throw new InvalidOptionError(
          '--provider/--operation/--only',
          `no scenario matches; providers: ${choices((s) => s.operation.provider)}; operations: ${choices((s) => s.operation.id)}`,
        )
      }
      const client = conformance.createProcessClient({
        command: options.client,
        persistent: options.persistent,
        timeoutMs: options.timeout,
        env: conformance.clientEnv,
      })
      // Plain lines as each scenario completes (CI logs, pipes); on a terminal, a progress line
      // below them that the next result overwrites.
      const live = process.stdout.isTTY === true
      const clear = () => live && process.stdout.write('\r\x1b[2K')
      try {
        let done = 0
        if (live) process.stdout.write(`… running 1/${total}`)
        const report = await conformance.conform(client.call, {
          ...selection,
          name: options.client,
          windowSeconds: options.window,
          onResult: (result) => {
            done += 1
            clear()
            console.log(conformance.renderResultLine(result, done, total))
            if (live && done < total) process.stdout.write(`… running ${done + 1}/${total}`)
          },
        })
        clear()
        console.log(`\n${conformance.renderTable(report)}`)
        if (options.json) await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`)
        if (options.junit) await writeFile(options.junit, conformance.renderJunit(report))
        process.exitCode = report.failed > 0 ? 1 : 0
      } catch (error) {
        // A client that cannot serve the protocol is a set-up error (exit 2), not a failed check.
        if (error instanceof TapedeckError && error.code === 'E_CLIENT') {
          clear()
          console.error(error.message)
          process.exitCode = 2
          return
        }
        throw error
      } finally {
        client.close()
      }
    },
  )
}
