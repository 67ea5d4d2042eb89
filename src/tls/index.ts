// TLS for the servers (`--tls`, `--cert/--key`): a CA and server certificate generated at start
// (@peculiar/x509, loaded only when asked for), certificate files read and checked, the CA file
// and the start-up lines that say how to trust it.

export { certificateHosts } from './certificate-hosts.ts'
export type { CreateCertificatesOptions, GeneratedCertificates } from './create-certificates.ts'
export { createCertificates } from './create-certificates.ts'
export type { CertificateFiles } from './read-certificate-files.ts'
export { readCertificateFiles } from './read-certificate-files.ts'
export type { TlsSource } from './render-tls-hint.ts'
export { renderTlsHint } from './render-tls-hint.ts'
export type { WriteCaFileOptions } from './write-ca-file.ts'
export { writeCaFile } from './write-ca-file.ts'
