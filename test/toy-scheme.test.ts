import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient, testCredentials } from '../src/client/index.ts'
import { type ConformClient, conform } from '../src/conformance/index.ts'
import { createHandlers } from '../src/msw/index.ts'
import { verifyProvider, writeContracts } from '../src/pact/index.ts'
import type { SigningCredentials } from '../src/protocols/index.ts'
import { startRecorder } from '../src/record/index.ts'
import { loadReplayTape, startReplayServer } from '../src/replay/index.ts'
import { startServer, type TapedeckServer } from '../src/server/index.ts'
import { createSimulator } from '../src/simulator/index.ts'
import { findTapeLeaks, lintTape, readTape } from '../src/tapes/index.ts'
import {
  createWidgetExecutor,
  registry,
  renameWidget,
  TOY_CREDENTIALS,
  toyKeys,
  toyScenarios,
  toySetup,
} from './support/toy-scheme.ts'

/**
 * The proof that a cloud is data: a fourth scheme, defined only in test/support/toy-scheme.ts, is
 * registered and then served, recorded (redacted, leak-scanned), replayed, turned into a contract,
 * verified and conformance-checked, and no file under src/ knows it.
 */
let dir: string
let server: TapedeckServer

const toyServer = (secret?: string) =>
  startServer({
    port: 0,
    registry,
    executors: { [renameWidget.id]: createWidgetExecutor() },
    keys: toyKeys(secret),
  })

const toyClient = (endpoint: string, credentials: SigningCredentials = TOY_CREDENTIALS) =>
  createClient({ endpoint, credentials: { toy: credentials }, registry })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tapedeck-toy-'))
  server = await toyServer()
})

afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

it('no file under src/ names the toy scheme', async () => {
  const files = await readdir('src', { recursive: true })
  const aware: string[] = []
  for (const file of files.filter((f) => /\.(ts|mjs|js)$/.test(f))) {
    const text = await readFile(join('src', file), 'utf8')
    if (/toy-hmac|toy-widgets|TOYK|x-toy-/i.test(text)) aware.push(relative('.', join('src', file)))
  }
  expect(aware).toEqual([])
})

it('serves the toy scheme beside the built-in ones, in its own envelope', async () => {
  const ok = await toyClient(server.url).call(renameWidget, { WidgetId: 'w-0001', Name: 'Blue' })
  expect(ok).toMatchObject({ ok: true, status: 200, result: { WidgetId: 'w-0001', Name: 'Blue' } })
  const wrong = await toyClient(server.url, { ...TOY_CREDENTIALS, secret: 'wrong-secret' }).call(
    renameWidget,
    { WidgetId: 'w-0001', Name: 'Blue' },
  )
  expect(wrong).toMatchObject({ ok: false, status: 401, code: 'Toy.SignatureMismatch' })
  const missing = await toyClient(server.url).call(renameWidget, { WidgetId: 'w-9', Name: 'x' })
  expect(missing).toMatchObject({ ok: false, status: 404, code: 'Toy.NotFound' })
  // The built-in schemes still route as before.
  const builtIn = await createClient({
    endpoint: server.url,
    credentials: testCredentials(),
  }).updateImageInfos({ UpdateContent: [{ ImageId: 'vod-image-01', Title: 'New' }] })
  expect(builtIn.ok).toBe(true)
  // A path no scheme claims names every scheme's routes, the toy's included.
  const unrouted = await fetch(`${server.url}/nowhere`)
  expect(unrouted.status).toBe(404)
  expect(await unrouted.text()).toContain('/toy/v1/{action}')
})

it('serves the toy in process on its own host through the MSW handlers', async () => {
  const simulator = createSimulator({
    executors: { [renameWidget.id]: createWidgetExecutor() },
    keys: toyKeys(),
  })
  const msw = setupServer(...createHandlers({ simulator, registry }))
  msw.listen({ onUnhandledRequest: 'error' })
  try {
    const out = await toyClient('https://widgets.toy.invalid').call(renameWidget, {
      WidgetId: 'w-0001',
      Name: 'Violet',
    })
    expect(out).toMatchObject({ ok: true, status: 200, result: { Name: 'Violet' } })
  } finally {
    msw.close()
  }
})

it('records the toy redacted, scans for its key shape, and replays it', async () => {
  const tape = join(dir, 'toy.har')
  const recorder = await startRecorder({
    port: 0,
    upstream: server.url,
    tape,
    credentials: { toy: TOY_CREDENTIALS },
    registry,
  })
  try {
    const out = await toyClient(recorder.url).call(renameWidget, {
      WidgetId: 'w-0001',
      Name: 'Green',
    })
    expect(out).toMatchObject({ ok: true, result: { Name: 'Green' } })
  } finally {
    await recorder.close()
  }
  const text = await readFile(tape, 'utf8')
  expect(text).not.toContain(TOY_CREDENTIALS.keyId)
  expect(text).not.toContain(TOY_CREDENTIALS.secret)
  expect(text).toContain('redacted:x-toy-key')
  expect(text).toContain('redacted:x-toy-signature')
  const loaded = await readTape(tape, registry)
  expect(loaded.tape.log.entries.map((e) => e._tapedeck.operation)).toEqual([renameWidget.id])
  expect(lintTape(loaded, [TOY_CREDENTIALS.secret!], registry)).toEqual([])

  // The leak scan knows the toy's key shape from its declaration, and only from it.
  const leaky = join(dir, 'leaky.har')
  await writeFile(leaky, text.replace('redacted:x-toy-key', TOY_CREDENTIALS.keyId))
  expect(await findTapeLeaks(leaky, [], registry)).toEqual(['Toy key id (TOYK…)'])
  expect(await findTapeLeaks(leaky, [])).toEqual([])

  const replay = await startReplayServer({
    port: 0,
    tapes: [await loadReplayTape(tape, registry)],
    registry,
  })
  try {
    // Signed afresh (another timestamp and signature): the same call, so a hit.
    const hit = await toyClient(replay.url).call(renameWidget, {
      WidgetId: 'w-0001',
      Name: 'Green',
    })
    expect(hit).toMatchObject({ ok: true, result: { WidgetId: 'w-0001', Name: 'Green' } })
    const miss = await toyClient(replay.url).call(renameWidget, { WidgetId: 'w-0001', Name: 'Red' })
    expect(miss).toMatchObject({ ok: false, status: 404, code: 'TapedeckNoRecording' })
  } finally {
    await replay.close()
  }
})

it('writes the toy contract, verifies a provider against it, and fails one with another secret', async () => {
  const contracts = join(dir, 'contracts')
  const written = await writeContracts(contracts, { scenarios: toyScenarios, setup: toySetup() })
  expect(written.interactions).toBe(toyScenarios.length)
  const pact = await readFile(join(contracts, 'tapedeck-reference-client-toy-widgets.json'), 'utf8')
  expect(pact).not.toContain(TOY_CREDENTIALS.keyId)
  expect(pact).not.toContain(TOY_CREDENTIALS.secret)
  expect(pact).toContain('x-toy-signature')

  const verified = await verifyProvider({
    providerUrl: server.url,
    contractsDir: contracts,
    credentials: { toy: TOY_CREDENTIALS },
    registry,
  })
  expect(verified.results.map((r) => [r.description, r.status]).sort()).toEqual(
    toyScenarios.map((s) => [`${s.operation.action}: ${s.description}`, 'passed']).sort(),
  )

  // A provider that refuses every call (its toy secret differs) passes nothing.
  const other = await toyServer('another-secret-value')
  try {
    const refused = await verifyProvider({
      providerUrl: other.url,
      contractsDir: contracts,
      credentials: { toy: TOY_CREDENTIALS },
      registry,
    })
    expect(refused.results.filter((r) => r.status !== 'failed')).toEqual([])
  } finally {
    await other.close()
  }
})

it('conformance-checks a toy client: a faithful one passes, a careless one fails', async () => {
  const faithful: ConformClient = async (message) => {
    const out = await toyClient(message.endpoint, message.credentials as SigningCredentials).call(
      renameWidget,
      message.params as never,
    )
    return out.ok
      ? { ok: true, result: out.result }
      : { ok: false, error: { code: out.code, message: out.message } }
  }
  const report = await conform(faithful, { scenarios: toyScenarios, setup: toySetup() })
  expect(report.results.map((r) => [r.id, r.status])).toEqual([
    ...toyScenarios.map((s) => [s.id, 'pass']),
    [`${renameWidget.id}/wrong-secret`, 'pass'],
    [`${renameWidget.id}/throttled`, 'pass'],
  ])

  const careless: ConformClient = async () => ({ ok: true, result: {} })
  const failed = await conform(careless, { scenarios: toyScenarios, setup: toySetup() })
  expect(failed.passed).toBe(0)
})
