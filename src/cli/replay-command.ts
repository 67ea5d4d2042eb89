import type { Argv } from 'yargs'
import { InvalidOptionError } from '../errors.ts'
import type { RequestTally } from '../replay/index.ts'
import { renderTlsHint } from '../tls/index.ts'
import { adminArguments } from './admin-arguments.ts'
import { assertHttpUrl } from './assert-http-url.ts'
import { assertPath } from './assert-path.ts'
import { parsePort } from './parse-port.ts'
import { resolveTapes, tapeArguments } from './tape-arguments.ts'
import { prepareTls, tlsArguments } from './tls-arguments.ts'

/** `tapedeck replay`: serves HAR tapes on a port, protocol-aware, never calling the network in `replay` mode. */
export function replayCommand(cli: Argv) {
  return cli.command(
    'replay <tapes..>',
    'Serve recorded tapes on a port',
    (y) =>
      adminArguments(tlsArguments(tapeArguments(y)))
        .option('port', {
          type: 'string',
          default: '8082',
          describe: 'Port to listen on (0 picks a free one)',
        })
        .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
        .option('mode', {
          choices: ['replay', 'record-missing', 'record-all', 'passthrough'] as const,
          default: 'replay' as const,
          describe: 'replay | record-missing | record-all | passthrough (see the README table)',
        })
        .option('upstream', { type: 'string', describe: 'Upstream for the modes that forward' })
        .option('ca', {
          type: 'string',
          describe: 'PEM file of a private CA to trust for the upstream',
        })
        .option('verify-signatures', {
          type: 'boolean',
          default: false,
          describe: 'Check each signature against the test credentials',
        })
        .option('max-age', { type: 'string', describe: 'Refuse tapes older than this, e.g. 30d' })
        .option('quiet', { type: 'boolean', default: false, describe: 'No per-request log lines' }),
    async (argv) => {
      if (argv.upstream !== undefined) assertHttpUrl('--upstream', argv.upstream)
      if (argv.ca) await assertPath('--ca', argv.ca, 'file')
      const replay = await import('../replay/index.ts')
      const tapes = resolveTapes(argv)
      // Replay only reads: a tape that is not there is a usage error (the recording modes create it).
      if (argv.mode === 'replay') for (const tape of tapes) await assertTapeExists(tape)
      const log = argv.quiet ? undefined : (line: string) => console.log(line)
      const maxAgeMs =
        argv['max-age'] === undefined ? undefined : replay.parseDuration(argv['max-age'])
      const tls = await prepareTls(argv, argv.host)
      const adminToken = argv['admin-token'] ?? process.env['TAPEDECK_ADMIN_TOKEN']
      const common = {
        port: parsePort(argv.port),
        host: argv.host,
        allowedHosts: argv['allowed-host'],
        ...(adminToken ? { adminToken } : {}),
        ...(tls ? { tls: tls.tls } : {}),
        ...(maxAgeMs === undefined ? {} : { maxAgeMs }),
        ...(argv['verify-signatures'] ? { verifySignatures: replay.testKeyRing() } : {}),
        ...(log ? { log } : {}),
      }
      let server: {
        url: string
        close(): Promise<void>
        previous?: string | undefined
        tally?: () => RequestTally
      }
      if (argv.mode === 'replay') {
        const loaded = await Promise.all(tapes.map((file) => replay.loadReplayTape(file)))
        // Entries of a foreign HAR file that are no known call: said once, at load.
        for (const { source, skipped = [] } of loaded)
          for (const { entry, reason } of skipped)
            console.log(`tapedeck replay: skipped ${source} log.entries[${entry}]: ${reason}`)
        server = await replay.startReplayServer({ ...common, tapes: loaded })
      } else {
        if (!argv.upstream)
          throw new InvalidOptionError(
            '--upstream',
            `--mode ${argv.mode} forwards requests: give --upstream URL`,
          )
        const record = await import('../record/index.ts')
        const forward = record.createForwarder({
          upstream: argv.upstream,
          credentials: record.credentialsFromEnv(process.env),
          ...(argv.ca ? { ca: await (await import('node:fs/promises')).readFile(argv.ca) } : {}),
        })
        server =
          argv.mode === 'passthrough'
            ? await replay.startReplayServer({ ...common, tapes: [], mode: 'passthrough', forward })
            : await record.startRecorder({
                ...common,
                upstream: argv.upstream,
                tape: tapes[0]!,
                mode: argv.mode,
                credentials: record.credentialsFromEnv(process.env),
                ...(argv.ca ? { ca: argv.ca } : {}),
              })
      }
      const trust = await tls?.announce(Number(new URL(server.url).port)).catch(async (error) => {
        await server.close()
        throw error
      })
      console.log(`tapedeck replay: listening on ${server.url} (${argv.mode}, ${tapes.join(', ')})`)
      console.log(
        `tapedeck replay: inspector at ${server.url}/__tapedeck/${adminToken ? ' (requires the admin token)' : ''}`,
      )
      if (trust) console.log(renderTlsHint(trust, server.url).join('\n'))
      if (server.previous)
        console.log(
          `tapedeck replay: record-all replaces ${tapes[0]} when it stops; the tape as it was is kept as ${server.previous}`,
        )
      const records = argv.mode === 'record-missing' || argv.mode === 'record-all'
      const stop = () => {
        if (server.tally)
          console.log(
            `tapedeck replay: ${replay.renderTally(server.tally())}${records ? `; tape ${tapes[0]}` : ''}`,
          )
        return server.close().then(
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

/** A tape to replay must exist (or its journal); a pattern that matched nothing was refused before. */
async function assertTapeExists(tape: string): Promise<void> {
  const { stat } = await import('node:fs/promises')
  const isFile = async (path: string) => (await stat(path).catch(() => undefined))?.isFile()
  // A killed recorder may have left only its journal: replay reads that too.
  if ((await isFile(tape)) || (await isFile(`${tape}.journal`))) return
  throw new InvalidOptionError(
    'TAPES',
    `"${tape}" is not a tape file; give an existing tape, or record it first: tapedeck record --upstream URL --tape ${tape}`,
  )
}
