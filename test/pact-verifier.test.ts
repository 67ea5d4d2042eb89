/**
 * Pact's own standalone verifier (`pact verifier`, pinned `@pact-foundation/pact-cli`), never
 * tapedeck's code, against real processes: every interaction of both contract folders passes
 * against the built `tapedeck serve --auth off` with its provider-state endpoint as the
 * state-change URL; each header reaches the provider once; and a provider answering every call with
 * its scheme's error envelope and HTTP 200 fails every success interaction.
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runPactVerifier } from './support/pact-standalone.ts'
import { useBin } from './support/run-cli.ts'

const ROOT = join(import.meta.dirname, '..')
const run = useBin()
let scratch: string
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'tapedeck-pact-verifier-'))
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

type Pact = {
  provider: { name: string }
  interactions: { description: string; response: { status: number } }[]
}
const filesOf = (folder: string) =>
  readdirSync(join(ROOT, folder))
    .filter((file) => file.endsWith('.json'))
    .map((file) => join(ROOT, folder, file))
const interactionsOf = (folder: string) =>
  filesOf(folder).flatMap((file) => (JSON.parse(readFileSync(file, 'utf8')) as Pact).interactions)

type Report = {
  result: boolean
  interactionResults: { description: string; result: string }[]
}

/** `pact verifier -f … -h 127.0.0.1 -p PORT [extra]` with a JSON report; the report and run. */
async function verify(files: string[], port: string, extra: string[] = []) {
  const json = join(scratch, `report-${Math.random().toString(36).slice(2)}.json`)
  const ran = await runPactVerifier([
    ...files.flatMap((file) => ['-f', file]),
    '-h',
    '127.0.0.1',
    '-p',
    port,
    '--json',
    json,
    ...extra,
  ])
  return { ...ran, report: JSON.parse(readFileSync(json, 'utf8')) as Report }
}

for (const folder of ['contracts', 'contracts-documented']) {
  it(`passes every interaction of ${folder}/ against serve --auth off, states set through its provider-state endpoint`, async () => {
    const server = run(['serve', '--port', '0', '--auth', 'off', '--quiet'])
    const [, url, port] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:(\d+))/)
    const { code, output, report } = await verify(filesOf(folder), port!, [
      '--state-change-url',
      `${url}/__tapedeck/provider-states`,
    ])
    const failed = report.interactionResults.filter((r) => r.result !== 'OK')
    expect(failed, output.slice(-3000)).toEqual([])
    expect(report.interactionResults).toHaveLength(interactionsOf(folder).length)
    expect(code).toBe(0)
  }, 180_000)
}

/** A provider on port 0 that records every request's raw headers and answers with `answer`. */
async function startFake(answer: (req: IncomingMessage) => { status: number; body: unknown }) {
  const seen: { method: string; url: string; raw: string[] }[] = []
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, raw: req.rawHeaders })
      const { status, body } = answer(req)
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: String((server.address() as AddressInfo).port),
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

it('sends each header of every contract request once (one Content-Type, not also content-type)', async () => {
  const fake = await startFake(() => ({ status: 200, body: {} }))
  try {
    await verify(filesOf('contracts'), fake.port)
    expect(fake.seen.length).toBe(interactionsOf('contracts').length)
    const twice = fake.seen.filter((request) => {
      const names = request.raw.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase())
      return new Set(names).size !== names.length
    })
    expect(twice.map((r) => `${r.method} ${r.url} ${r.raw.join('|')}`)).toEqual([])
  } finally {
    await fake.close()
  }
}, 120_000)

/** Each scheme's error envelope (as the vendors send it on an authentication failure). */
function errorEnvelope(req: IncomingMessage): unknown {
  if (req.url!.startsWith('/v2/')) return { code: 4100, message: 'x', codeDesc: 'AuthFailure' }
  if (req.url!.startsWith('/v1/')) return { error_code: 'APIGW.0301', error_msg: 'x' }
  if (req.headers['x-tc-action'])
    return { Response: { Error: { Code: 'AuthFailure', Message: 'x' }, RequestId: 'r' } }
  return {
    RequestId: 'r',
    HostId: 'h',
    Code: 'SignatureDoesNotMatch',
    Message: 'x',
    Recommend: 'x',
  }
}

it('fails every interaction when each call is answered with its vendor error envelope and HTTP 200', async () => {
  const fake = await startFake((req) => ({ status: 200, body: errorEnvelope(req) }))
  try {
    const { code, report } = await verify(filesOf('contracts'), fake.port)
    const passed = report.interactionResults.filter((r) => r.result === 'OK')
    expect(passed.map((r) => r.description)).toEqual([])
    expect(report.interactionResults).toHaveLength(interactionsOf('contracts').length)
    expect(code).not.toBe(0)
  } finally {
    await fake.close()
  }
}, 120_000)
