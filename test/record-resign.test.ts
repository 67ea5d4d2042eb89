/**
 * What the recorder re-signs, through the built bin against `serve`: with re-signing credentials
 * for a scheme's signatures (here Huawei AK/SK), a request signed by that scheme is signed again
 * for the upstream (its documented purpose: host-bound signatures cannot be valid for the proxy
 * and the upstream both). A request carrying a credential of another kind, an IAM token in
 * `X-Auth-Token`, is forwarded with its own token: it is never turned into an AK/SK call, so a
 * token the upstream refuses is recorded refused, and a good one is what the upstream checked.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { modifyImage } from '../src/catalog/index.ts'
import { createClient, testCredentials } from '../src/client/index.ts'
import { startServer } from '../src/server/index.ts'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { readTape } from '../src/tapes/index.ts'
import { type RunningCli, runCli } from './support/run-cli.ts'

const { ak, sk, project, instance, token } = DEFAULT_CREDENTIALS.huawei
const dir = mkdtempSync(join(tmpdir(), 'tapedeck-record-resign-'))
let upstream: Awaited<ReturnType<typeof startServer>>
const children: RunningCli[] = []
beforeAll(async () => {
  upstream = await startServer({ port: 0 })
})
afterAll(() => upstream?.close())
afterEach(() => {
  for (const cli of children.splice(0)) cli.child.kill('SIGKILL')
})

async function recorder(tape: string) {
  const cli = runCli(
    ['record', '--upstream', upstream.url, '--tape', tape, '--dir', dir, '--port', '0'],
    { TAPEDECK_HUAWEI_AK: ak, TAPEDECK_HUAWEI_SK: sk, TAPEDECK_HUAWEI_PROJECT: project },
    { bin: true },
  )
  children.push(cli)
  const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  expect(cli.output()).toContain('re-signing with environment credentials for: huawei-aksk')
  return { cli, url: url! }
}

const modify = (url: string, variant: 'AKSK' | 'TOKEN', keyId: string, secret?: string) =>
  createClient({ endpoint: url, credentials: testCredentials() }).call(
    modifyImage,
    {
      path: 'https://bucketName.obs.myhuaweicloud.com/image/bulk-03.jpg',
      tags: { 'test-tags': `${variant}-${keyId.length}` },
    } as never,
    {
      variant,
      credentials: { keyId, ...(secret ? { secret } : {}), project },
      pathParams: { project_id: project, instance_name: instance },
    },
  )

/** The key ids `serve` authenticated, as its journal shows them (a token masked). */
async function upstreamKeyIds(): Promise<string[]> {
  const answer = await fetch(`${upstream.url}/__tapedeck/requests`)
  const { requests } = (await answer.json()) as { requests: Array<{ keyId?: string }> }
  return requests.map((request) => request.keyId ?? '')
}

it('forwards an X-Auth-Token request with its own token though AK/SK re-signing credentials are set: a refused token is recorded refused', async () => {
  const tape = join(dir, 'token.har')
  const { cli, url } = await recorder(tape)
  await fetch(`${upstream.url}/__tapedeck/requests`, { method: 'DELETE' })

  // The fixture bug the re-signing hid: the AK sent as the token. The upstream refuses it.
  const wrong = await modify(url, 'TOKEN', ak)
  expect(wrong).toMatchObject({ ok: false, status: 401, code: 'APIGW.0301' })
  // The real token: the upstream authenticated that token, not the recorder's AK.
  const right = await modify(url, 'TOKEN', token)
  expect(right).toMatchObject({ ok: true, status: 200 })
  const seen = await upstreamKeyIds()
  expect(seen).toHaveLength(2)
  expect(seen).not.toContain(ak)
  expect(seen[1]).toMatch(new RegExp(`^${token.slice(0, 4)}…\\(${token.length} chars\\)$`))

  cli.child.kill('SIGTERM')
  expect(await cli.exited, cli.errors()).toBe(0)
  const entries = (await readTape(tape)).tape.log.entries
  expect(entries.map((entry) => entry.response.status)).toEqual([401, 200])
  for (const entry of entries) {
    const names = entry.request.headers.map((header) => header.name.toLowerCase())
    expect(names).toContain('x-auth-token')
    expect(names).not.toContain('authorization')
  }
}, 60_000)

it('re-signs an AK/SK request with the environment credentials, as documented: the client signed for the proxy, not the upstream', async () => {
  const tape = join(dir, 'aksk.har')
  const { cli, url } = await recorder(tape)
  await fetch(`${upstream.url}/__tapedeck/requests`, { method: 'DELETE' })
  // Signed for the proxy's host with the right keys, and with a secret the upstream does not know.
  expect(await modify(url, 'AKSK', ak, sk)).toMatchObject({ ok: true, status: 200 })
  expect(await modify(url, 'AKSK', ak, 'not-the-secret')).toMatchObject({ ok: true, status: 200 })
  expect(await upstreamKeyIds()).toEqual([ak, ak])
  cli.child.kill('SIGTERM')
  expect(await cli.exited, cli.errors()).toBe(0)
}, 60_000)
