/** Where a TLS server's certificate came from: a CA generated at start, or the user's files. */
export type TlsSource = { caPath: string } | { certFile: string }

/**
 * The start-up lines that tell a user how to make clients trust a TLS server: for a generated CA,
 * its path and the Node, curl and OpenSSL settings that read it (`url`: what the curl line fetches).
 */
export function renderTlsHint(source: TlsSource, url: string): string[] {
  if ('certFile' in source) return [`  TLS: certificate from ${source.certFile}`]
  const { caPath } = source
  return [
    `  TLS: the certificate is signed by a CA generated at start, written to ${caPath}`,
    '    trust it (it vouches for this server only: its key was never stored):',
    `    export NODE_EXTRA_CA_CERTS=${caPath}    # Node; read when a process starts`,
    `    curl --cacert ${caPath} ${url}`,
    `    SSL_CERT_FILE=${caPath}    # Python ssl, Ruby, Go on Linux (replaces their default CAs)`,
  ]
}
