import type { Argv } from 'yargs'
import { adminArguments } from './admin-arguments.ts'
import { assertHttpUrl } from './assert-http-url.ts'
import { assertPath } from './assert-path.ts'
import { parsePort } from './parse-port.ts'
import { cliTapePath, DIR_OPTION } from './tape-arguments.ts'

/** `tapedeck record`: a redacting reverse proxy that writes every interaction to a HAR tape. */
export function recordCommand(cli: Argv) {
  return cli.command(
    'record',
    'Record a session through a redacting proxy to a HAR tape',
    (y) =>
      adminArguments(y)
        .option('upstream', {
          type: 'string',
          demandOption: true,
          describe: 'Upstream base URL (https://…)',
        })
        .option('tape', {
          type: 'string',
          demandOption: true,
          describe: 'Tape file to write (its directory is created if missing)',
        })
        .option('dir', DIR_OPTION)
        .option('port', {
          type: 'string',
          default: '8081',
          describe: 'Port to listen on (0 picks a free one)',
        })
        .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
        .option('ca', {
          type: 'string',
          describe: 'PEM file of a private CA to trust for the upstream',
        })
        .option('mode', {
          choices: ['record-all', 'record-missing'] as const,
          default: 'record-all' as const,
          describe: 'record-all replaces the tape; record-missing appends what it lacks',
        })
        .option('quiet', { type: 'boolean', default: false, describe: 'No per-request log lines' }),
    async (argv) => {
      const { credentialsFromEnv, startRecorder, credentialVariableNames } = await import(
        '../record/index.ts'
      )
      const { renderTally } = await import('../replay/index.ts')
      assertHttpUrl('--upstream', argv.upstream)
      if (argv.ca) await assertPath('--ca', argv.ca, 'file')
      const credentials = credentialsFromEnv(process.env)
      const tape = cliTapePath(argv.tape, argv.dir, '--tape')
      const adminToken = argv['admin-token'] ?? process.env['TAPEDECK_ADMIN_TOKEN']
      const recorder = await startRecorder({
        allowedHosts: argv['allowed-host'],
        ...(adminToken ? { adminToken } : {}),
        upstream: argv.upstream,
        tape,
        port: parsePort(argv.port),
        host: argv.host,
        mode: argv.mode,
        credentials,
        ...(argv.ca ? { ca: argv.ca } : {}),
        ...(argv.quiet ? {} : { log: (line: string) => console.log(line) }),
      })
      const kinds = Object.keys(credentials)
      console.log(
        `tapedeck record: listening on ${recorder.url} → ${new URL(argv.upstream).origin}, writing ${tape}\n` +
          `  re-signing with environment credentials for: ${kinds.length ? kinds.join(', ') : `none (set ${credentialVariableNames().join(', ')})`}`,
      )
      if (recorder.previous)
        console.log(
          `  replaces ${tape} when it stops; the tape as it was is kept as ${recorder.previous}`,
        )
      // The journal is folded into the tape on the way out; killed instead, it stays beside the
      // tape, where replay and lint read it and the next recorder folds it.
      const stop = () => {
        if (recorder.tally)
          console.log(
            `tapedeck record: ${renderTally(recorder.tally())}; writing ${recorder.writer.recorded()} interaction(s) into ${tape}`,
          )
        recorder.close().then(
          () => process.exit(0),
          (error: Error) => {
            console.error(error.message)
            process.exit(1)
          },
        )
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    },
  )
}
