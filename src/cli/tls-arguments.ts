import type { Argv } from 'yargs'
import { InvalidOptionError } from '../errors.ts'
import type { TlsSource } from '../tls/index.ts'

/** `--tls`, `--cert`, `--key` and `--ca-out`, taken by every command that serves on a port. */
export function tlsArguments<T>(y: Argv<T>) {
  return y
    .option('tls', {
      type: 'boolean',
      default: false,
      describe: 'Serve HTTPS with a CA and certificate generated at start (see --ca-out)',
    })
    .option('cert', {
      type: 'string',
      describe: 'PEM certificate file to serve HTTPS with, instead of a generated one (with --key)',
    })
    .option('key', { type: 'string', describe: 'PEM private key file of --cert' })
    .option('ca-out', {
      type: 'string',
      describe: 'Where to write the generated CA (default <tmpdir>/tapedeck-<uid>/ca-<port>.pem)',
    })
}

type TlsArgv = { tls: boolean; cert?: string | undefined; key?: string | undefined } & {
  'ca-out'?: string | undefined
}

/** TLS options ready for the server, and what to do once it listens. */
export type PreparedTls = {
  tls: { cert: string; key: string }
  /** Writes the generated CA (the default path needs the port) and says where trust comes from. */
  announce(port: number): Promise<TlsSource>
}

/**
 * Reads `--cert/--key`, or with `--tls` (or `--ca-out`) generates a CA and a certificate for
 * loopback, the catalogue's hosts and `host`; `undefined` when no TLS option is given. The server's
 * key stays in memory: only the CA certificate is ever written.
 */
export async function prepareTls(argv: TlsArgv, host: string): Promise<PreparedTls | undefined> {
  const caOut = argv['ca-out']
  const files = argv.cert !== undefined || argv.key !== undefined
  if (!files && !argv.tls && caOut === undefined) return undefined
  // Loaded only here: @peculiar/x509 and its reflect-metadata stay out of a plain `serve`.
  const tls = await import('../tls/index.ts')
  if (files) {
    if (caOut !== undefined) {
      throw new InvalidOptionError(
        '--ca-out',
        'only a generated CA is written; with --cert, clients trust the CA that signed that file',
      )
    }
    const pair = await tls.readCertificateFiles({ cert: argv.cert, key: argv.key })
    const certFile = argv.cert!
    return { tls: pair, announce: async () => ({ certFile }) }
  }
  const { caCert, cert, key } = await tls.createCertificates({
    hosts: tls.certificateHosts([host]),
  })
  return {
    tls: { cert, key },
    announce: async (port) => ({
      caPath: await tls.writeCaFile({ pem: caCert, path: caOut, port }),
    }),
  }
}
