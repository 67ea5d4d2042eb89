import { webcrypto } from 'node:crypto'
import { isIP } from 'node:net'

export type CreateCertificatesOptions = {
  /** DNS names and IP addresses (v4 or v6) the server certificate is valid for. */
  hosts: readonly string[]
  /** The clock the validity window starts from (default `Date.now`). */
  now?: () => number
}

/** PEM text of a generated CA certificate and of the server certificate and key it signed. */
export type GeneratedCertificates = {
  /** The CA certificate: what a client trusts (`NODE_EXTRA_CA_CERTS`, `curl --cacert`). */
  caCert: string
  /** The server certificate, signed by the CA. */
  cert: string
  /** The server's private key (PKCS #8); keep it in memory, never on disk. */
  key: string
}

const HOUR_MS = 3_600_000
// Both certificates live 365 days: under the 398 days browsers and Apple accept for a server
// certificate, and far longer than any `serve` process. One hour back covers clients whose clock
// runs behind.
const VALID_FOR_MS = 365 * 24 * HOUR_MS
const BACKDATE_MS = HOUR_MS
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const

/**
 * Generates a fresh CA (ECDSA P-256) and a server certificate it signs for `hosts` (serverAuth,
 * subjectAltName DNS and IP entries). The CA's private key is made unexportable and dropped when
 * this returns, so trusting the CA trusts this one server certificate and nothing else.
 *
 * @example
 * const { caCert, cert, key } = await createCertificates({ hosts: ['localhost', '127.0.0.1'] })
 */
export async function createCertificates(
  options: CreateCertificatesOptions,
): Promise<GeneratedCertificates> {
  // Loaded here, not at the top: only `--tls` pays for the library (and its reflect-metadata).
  // Its `main` is CommonJS: `default` is `module.exports` under Node and under the CLI bundle
  // (esbuild gives a dynamic import of CommonJS no named exports).
  const { default: x509 } = await import('@peculiar/x509')
  // Node's WebCrypto, handed to every call rather than set on x509's global provider.
  const crypto = webcrypto as Crypto
  const now = (options.now ?? Date.now)()
  const notBefore = new Date(now - BACKDATE_MS)
  const notAfter = new Date(now + VALID_FOR_MS)
  const generate = (extractable: boolean) =>
    crypto.subtle.generateKey(ECDSA_P256, extractable, ['sign', 'verify']) as Promise<CryptoKeyPair>
  const [caKeys, serverKeys] = await Promise.all([generate(false), generate(true)])

  const caSerial = randomSerial(crypto)
  const caName = `O=tapedeck, CN=tapedeck local CA ${caSerial.slice(0, 8)}`
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: caSerial,
      name: caName,
      notBefore,
      notAfter,
      keys: caKeys,
      signingAlgorithm: ECDSA_P256,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  )
  const server = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(crypto),
      subject: 'O=tapedeck, CN=localhost',
      issuer: caName,
      notBefore,
      notAfter,
      publicKey: serverKeys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: ECDSA_P256,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(
          options.hosts.map((host) => ({
            type: isIP(host) ? ('ip' as const) : ('dns' as const),
            value: host,
          })),
        ),
        await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  )
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', serverKeys.privateKey)
  return {
    caCert: ca.toString('pem'),
    cert: server.toString('pem'),
    key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
  }
}

/** A positive 16-byte serial number in hex, as RFC 5280 §4.1.2.2 asks (unique per issuer). */
function randomSerial(crypto: Crypto): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[0] = (bytes[0]! & 0x7f) | 0x01
  return Buffer.from(bytes).toString('hex')
}
