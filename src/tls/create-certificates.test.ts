import { createPrivateKey, X509Certificate } from 'node:crypto'
import { once } from 'node:events'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:tls'
import { expect, it } from 'vitest'
import { operations } from '../catalog/index.ts'
import { certificateHosts } from './certificate-hosts.ts'
import { createCertificates } from './create-certificates.ts'

const T0 = Date.UTC(2030, 0, 1)

it('signs a server certificate for loopback and every documented host with a fresh CA', async () => {
  const { caCert, cert, key } = await createCertificates({ hosts: certificateHosts() })
  const ca = new X509Certificate(caCert)
  const leaf = new X509Certificate(cert)
  expect(ca.ca).toBe(true)
  expect(leaf.ca).toBe(false)
  expect(leaf.checkIssued(ca)).toBe(true)
  expect(leaf.verify(ca.publicKey)).toBe(true)
  expect(ca.verify(ca.publicKey)).toBe(true)
  expect(leaf.checkHost('localhost')).toBe('localhost')
  expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1')
  expect(leaf.checkIP('::1')).toBe('::1')
  for (const host of operations.flatMap((op) => op.hosts)) expect(leaf.checkHost(host)).toBe(host)
  expect(leaf.checkHost('example.com')).toBeUndefined()
  expect(leaf.checkIP('10.0.0.1')).toBeUndefined()
  // serverAuth, and the key is the certificate's own.
  expect(leaf.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1'])
  expect(leaf.checkPrivateKey(createPrivateKey(key))).toBe(true)
  expect(leaf.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' })
})

it('takes its validity window from the injected clock: an hour back, 365 days on', async () => {
  const { caCert, cert } = await createCertificates({ hosts: ['localhost'], now: () => T0 })
  for (const pem of [caCert, cert]) {
    const certificate = new X509Certificate(pem)
    expect(new Date(certificate.validFrom).toISOString()).toBe('2029-12-31T23:00:00.000Z')
    expect(new Date(certificate.validTo).toISOString()).toBe('2031-01-01T00:00:00.000Z')
  }
})

it('makes a new CA on every call, so one run never vouches for another', async () => {
  const first = await createCertificates({ hosts: ['localhost'] })
  const second = await createCertificates({ hosts: ['localhost'] })
  const leaf = new X509Certificate(second.cert)
  expect(leaf.verify(new X509Certificate(first.caCert).publicKey)).toBe(false)
  expect(new X509Certificate(first.caCert).subject).not.toBe(
    new X509Certificate(second.caCert).subject,
  )
})

it('completes a TLS handshake for a vendor host name with the CA trusted, and fails without it', async () => {
  const { caCert, cert, key } = await createCertificates({ hosts: certificateHosts() })
  const server = createServer({ cert, key }, (_request, response) => response.end('ok'))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const handshake = (options: { ca?: string; servername: string }) =>
    new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, ...options }, () => {
        resolve(socket.authorized ? 'authorized' : String(socket.authorizationError))
        socket.end()
      })
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
    })
  try {
    expect(await handshake({ ca: caCert, servername: 'cvm.tencentcloudapi.com' })).toBe(
      'authorized',
    )
    expect(await handshake({ ca: caCert, servername: 'example.com' })).toBe(
      'ERR_TLS_CERT_ALTNAME_INVALID',
    )
    expect(await handshake({ servername: 'localhost' })).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE')
  } finally {
    server.close()
  }
})

it('uses the WebCrypto it is handed, not a provider set on the library', async () => {
  const { default: x509 } = await import('@peculiar/x509')
  const saved = x509.cryptoProvider.get()
  x509.cryptoProvider.clear()
  try {
    const { cert } = await createCertificates({ hosts: ['localhost'] })
    expect(new X509Certificate(cert).checkHost('localhost')).toBe('localhost')
  } finally {
    x509.cryptoProvider.set(saved)
  }
})
