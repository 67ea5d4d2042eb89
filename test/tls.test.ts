/**
 * `--tls`, `--cert/--key` and `--ca-out` on `tapedeck serve` and `tapedeck replay`, as processes
 * (the compiled bin): an official SDK calls over HTTPS trusting the printed CA through
 * NODE_EXTRA_CA_CERTS, and the same call without it fails on the certificate.
 */
import { execFile } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { certificateHosts, createCertificates, startServer } from '../src/index.ts'
import type { WireRequest } from '../src/protocols/index.ts'
import { DEFAULT_CREDENTIALS, SAMPLE_IDS } from '../src/simulator/index.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'
import { useBin } from './support/run-cli.ts'

const SDK_CALL = join(import.meta.dirname, 'support', 'tencent-https-call.mjs')
const HTTPS_URL = /listening on (https:\/\/127\.0\.0\.1:(\d+))/

const run = useBin()

/** One ModifyImageAttribute call by the official Tencent SDK, in a fresh Node process. */
async function sdkCall(endpoint: string, name: string, caFile: string | undefined) {
  const { NODE_EXTRA_CA_CERTS: _inherited, ...env } = process.env
  const { secretId, secretKey } = DEFAULT_CREDENTIALS.tencent
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [SDK_CALL, endpoint, SAMPLE_IDS.cvmImageV3, name],
    {
      env: {
        ...env,
        TAPEDECK_TENCENT_SECRET_ID: secretId,
        TAPEDECK_TENCENT_SECRET_KEY: secretKey,
        ...(caFile ? { NODE_EXTRA_CA_CERTS: caFile } : {}),
      },
    },
  )
  return JSON.parse(stdout) as { ok: boolean; requestId?: string; message?: string }
}

/** An HTTPS request trusting only `ca`; rejects with the TLS error when the server is not trusted. */
function httpsCall(
  url: string,
  ca: string,
  wire: Pick<WireRequest, 'method' | 'headers' | 'body'> = {
    method: 'GET',
    headers: {},
    body: Buffer.alloc(0),
  },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: wire.method, headers: wire.headers, ca }, (answer) => {
      let body = ''
      answer.setEncoding('utf8')
      answer.on('data', (chunk: string) => {
        body += chunk
      })
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body }))
    })
    outgoing.on('error', reject)
    outgoing.end(wire.body)
  })
}

it('serve --tls: an official SDK calls over HTTPS trusting the CA the banner prints, and fails without it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-tls-'))
  const caFile = join(dir, 'ca.pem')
  const server = run(['serve', '--tls', '--port', '0', '--ca-out', caFile, '--quiet'])
  const [, url, port] = await server.waitFor(HTTPS_URL)
  expect(server.output()).toContain(`written to ${caFile}`)
  expect(server.output()).toContain(`export NODE_EXTRA_CA_CERTS=${caFile}`)
  expect(server.output()).toContain(`curl --cacert ${caFile} ${url}/__tapedeck/health`)
  expect(server.output()).toContain(`endpoint: '127.0.0.1:${port}', protocol: 'https://'`)
  expect(statSync(caFile).mode & 0o777).toBe(0o644)
  const ca = readFileSync(caFile, 'utf8')
  expect(new X509Certificate(ca).ca).toBe(true)
  // Only the CA certificate is on disk: no key next to it.
  expect(ca).not.toContain('PRIVATE KEY')

  const trusted = await sdkCall(`127.0.0.1:${port}`, 'over-tls', caFile)
  expect(trusted).toEqual({ ok: true, requestId: expect.stringMatching(/\S/) })
  const untrusted = await sdkCall(`127.0.0.1:${port}`, 'never', undefined)
  expect(untrusted.ok).toBe(false)
  expect(untrusted.message).toMatch(/unable to verify the first certificate|self[- ]signed/)

  const state = JSON.parse((await httpsCall(`${url}/__tapedeck/state`, ca)).body)
  const image = state.cvmImages.find(
    (i: { imageId: string }) => i.imageId === SAMPLE_IDS.cvmImageV3,
  )
  expect(image.name).toBe('over-tls')
})

it('replay --tls answers a taped call over HTTPS to a client trusting the CA, and not to one without it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-tls-replay-'))
  const tape = join(dir, 'tape.har')
  const item = [{ ImageId: 'vod-image-01', Title: 'tls' }]
  writeFileSync(tape, JSON.stringify(buildTape([[imageRequest(item), okResponse('taped')]]).tape))
  const caFile = join(dir, 'ca.pem')
  const replay = run(['replay', tape, '--dir', dir, '--tls', '--port', '0', '--ca-out', caFile])
  const [, url] = await replay.waitFor(HTTPS_URL)
  await replay.waitFor(/export NODE_EXTRA_CA_CERTS=/)
  expect(replay.output()).toContain(`export NODE_EXTRA_CA_CERTS=${caFile}`)
  const wire = imageRequest(item, { now: Date.now })
  const answer = await httpsCall(url!, readFileSync(caFile, 'utf8'), wire)
  expect(answer.status).toBe(200)
  expect(JSON.parse(answer.body)).toMatchObject({ RequestId: 'taped' })
  const stranger = (await createCertificates({ hosts: ['127.0.0.1'] })).caCert
  await expect(httpsCall(url!, stranger, wire)).rejects.toMatchObject({
    code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  })
})

it('startServer serves HTTPS in process with generated certificates', async () => {
  const certificates = await createCertificates({ hosts: certificateHosts() })
  const server = await startServer({ port: 0, tls: certificates })
  try {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const health = await httpsCall(`${server.url}/__tapedeck/health`, certificates.caCert)
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' })
  } finally {
    await server.close()
  }
})

it('serve --cert FILE --key FILE serves HTTPS with the given certificate', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-tls-files-'))
  const { caCert, cert, key } = await createCertificates({ hosts: ['127.0.0.1'] })
  writeFileSync(join(dir, 'cert.pem'), cert)
  writeFileSync(join(dir, 'key.pem'), key)
  const server = run([
    'serve',
    '--cert',
    join(dir, 'cert.pem'),
    '--key',
    join(dir, 'key.pem'),
    '--port',
    '0',
    '--quiet',
  ])
  const [, url] = await server.waitFor(HTTPS_URL)
  expect(server.output()).toContain(`TLS: certificate from ${join(dir, 'cert.pem')}`)
  expect(server.output()).not.toContain('NODE_EXTRA_CA_CERTS')
  const health = await httpsCall(`${url}/__tapedeck/health`, caCert)
  expect(JSON.parse(health.body)).toEqual({ status: 'ok' })
})

it('refuses --cert without --key, a key of another certificate, and --ca-out with --cert: one line, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-tls-bad-'))
  const [one, two] = await Promise.all([
    createCertificates({ hosts: ['127.0.0.1'] }),
    createCertificates({ hosts: ['127.0.0.1'] }),
  ])
  const cert = join(dir, 'cert.pem')
  const otherKey = join(dir, 'other-key.pem')
  writeFileSync(cert, one.cert)
  writeFileSync(otherKey, two.key)
  // A tape that exists (never read: the TLS options are refused first).
  const tape = join(dir, 'x.har')
  writeFileSync(tape, '{}')
  const cases: Array<[string[], string]> = [
    [
      ['serve', '--cert', cert],
      'Failed to use option "--cert": give --key FILE with it (both or neither)',
    ],
    [
      ['serve', '--cert', cert, '--key', otherKey],
      `Failed to use option "--key": "${otherKey}" is not the private key of the certificate in "${cert}"`,
    ],
    [
      [
        'replay',
        tape,
        '--dir',
        dir,
        '--cert',
        cert,
        '--key',
        otherKey,
        '--ca-out',
        join(dir, 'ca.pem'),
      ],
      'Failed to use option "--ca-out": only a generated CA is written; with --cert, clients trust the CA that signed that file',
    ],
  ]
  for (const [args, message] of cases) {
    const cli = run([...args, '--port', '0'])
    expect(await cli.exited).toBe(2)
    expect(cli.errors()).toBe(`${message}\n`)
    expect(cli.output()).toBe('')
  }
})
