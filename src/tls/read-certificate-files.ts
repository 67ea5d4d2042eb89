import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { InvalidOptionError } from '../errors.ts'

export type CertificateFiles = {
  /** PEM file of the server certificate, optionally followed by its intermediates. */
  cert?: string | undefined
  /** PEM file of its private key (unencrypted PKCS #8, PKCS #1 or SEC 1). */
  key?: string | undefined
}

/**
 * Reads `--cert FILE --key FILE` for a TLS server, refusing at once (not at the first handshake) a
 * missing partner option, an unreadable file, a file that is not a PEM certificate or key, and a
 * key that does not belong to the certificate.
 */
export async function readCertificateFiles(
  files: CertificateFiles,
): Promise<{ cert: string; key: string }> {
  if (files.cert === undefined || files.key === undefined) {
    const [given, missing] = files.cert === undefined ? ['--key', '--cert'] : ['--cert', '--key']
    throw new InvalidOptionError(given, `give ${missing} FILE with it (both or neither)`)
  }
  const [cert, key] = await Promise.all([read('--cert', files.cert), read('--key', files.key)])
  const certificate = parse(
    '--cert',
    files.cert,
    'a PEM certificate',
    () => new X509Certificate(cert),
  )
  const privateKey = parse('--key', files.key, 'a PEM private key', () => createPrivateKey(key))
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new InvalidOptionError(
      '--key',
      `"${files.key}" is not the private key of the certificate in "${files.cert}"`,
    )
  }
  return { cert, key }
}

async function read(option: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new InvalidOptionError(option, `cannot read "${path}": ${(error as Error).message}`)
  }
}

function parse<T extends X509Certificate | KeyObject>(
  option: string,
  path: string,
  what: string,
  build: () => T,
): T {
  try {
    return build()
  } catch (error) {
    throw new InvalidOptionError(option, `"${path}" is not ${what}: ${(error as Error).message}`)
  }
}
