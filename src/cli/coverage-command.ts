import { writeFile } from 'node:fs/promises'
import type { Argv } from 'yargs'
import { type Coverage, renderCoverage, renderJunit } from '../coverage/index.ts'
import { InvalidOptionError } from '../errors.ts'
import { assertHttpUrl } from './assert-http-url.ts'
import { assertPath } from './assert-path.ts'

/**
 * `tapedeck coverage`: how much of the catalogue's documented surface a running server's traffic
 * exercised (`GET /__tapedeck/coverage`); exits 1 under `--min`, for CI gates.
 */
export function coverageCommand(cli: Argv) {
  return cli.command(
    'coverage',
    "Report how much of the documented surface a running server's traffic exercised",
    (y) =>
      y
        .option('url', {
          type: 'string',
          demandOption: true,
          describe: 'Base URL of a running tapedeck serve, e.g. http://127.0.0.1:8080',
        })
        .option('min', {
          type: 'number',
          describe: 'Exit 1 when the total coverage (percent) is under this',
        })
        .option('json', { type: 'boolean', default: false, describe: 'Print the report as JSON' })
        .option('junit', { type: 'string', describe: 'Write a JUnit XML report to this file' })
        .option('admin-token', {
          type: 'string',
          describe: "The server's admin token (or TAPEDECK_ADMIN_TOKEN)",
        }),
    async (argv) => {
      const base = assertHttpUrl('--url', argv.url).replace(/\/+$/, '')
      const min = argv.min
      if (min !== undefined && !(Number.isFinite(min) && min >= 0 && min <= 100))
        throw new InvalidOptionError('--min', `expected a percentage from 0 to 100, got "${min}"`)
      if (argv.junit) await assertPath('--junit', argv.junit, 'new-file')
      const token = argv['admin-token'] ?? process.env['TAPEDECK_ADMIN_TOKEN']
      const coverage = await fetchCoverage(base, token)
      if (argv.junit) await writeFile(argv.junit, renderJunit(coverage, min))
      console.log(argv.json ? JSON.stringify(coverage, null, 2) : renderCoverage(coverage, min))
      if (min !== undefined && coverage.percent < min) process.exitCode = 1
    },
  )
}

async function fetchCoverage(base: string, token: string | undefined): Promise<Coverage> {
  let response: Response
  try {
    response = await fetch(`${base}/__tapedeck/coverage`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(30_000),
    })
  } catch (error) {
    const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
    throw new InvalidOptionError(
      '--url',
      `no server answered at ${base} (${reason}); start "tapedeck serve" or check the URL`,
    )
  }
  if (response.status === 401)
    throw new InvalidOptionError(
      '--admin-token',
      `${base} asks for its admin token; give --admin-token or TAPEDECK_ADMIN_TOKEN`,
    )
  const body = await response.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    parsed = undefined
  }
  if (!response.ok || !isCoverage(parsed))
    throw new InvalidOptionError(
      '--url',
      `${base} did not answer GET /__tapedeck/coverage with a coverage report (HTTP ${response.status}); point --url at a tapedeck serve`,
    )
  return parsed
}

function isCoverage(value: unknown): value is Coverage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Coverage).percent === 'number' &&
    Array.isArray((value as Coverage).operations)
  )
}
