import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { updateImageInfos } from '../src/catalog/index.ts'
import { sendWire, signCall, testCredentials } from '../src/client/index.ts'
import { createHandlers } from '../src/msw/index.ts'
import {
  createDefaultState,
  createSimulator,
  DEFAULT_CREDENTIALS,
  FAULT_TARGETS,
  SAMPLE_IDS,
} from '../src/simulator/index.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

// Fault injection lets users test their clients' retry logic: deterministic given a seed.
let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ now: Date.now })
})
afterEach(() => server.admin('DELETE', 'faults'))
afterAll(() => server.close())

const IMAGES = 'alibaba-vod.UpdateImageInfos'
const callImages = () =>
  server.client.updateImageInfos({ UpdateContent: [{ ImageId: 'vod-image-01' }] })
const { project, instance } = DEFAULT_CREDENTIALS.huawei

it('throttles at the configured rate and repeats the same sequence for the same seed', async () => {
  const config = { seed: 7, operations: { [IMAGES]: { throttleRate: 0.5 } } }
  const pattern = async () => {
    expect((await server.admin('PUT', 'faults', config)).status).toBe(200)
    const out: string[] = []
    for (let i = 0; i < 40; i++) {
      const result = await callImages()
      out.push(result.ok ? 'ok' : result.code)
    }
    return out
  }
  const first = await pattern()
  expect(await pattern()).toEqual(first)
  const throttled = first.filter((code) => code === 'Throttling.User').length
  expect(throttled).toBeGreaterThan(8)
  expect(throttled).toBeLessThan(32)
  expect(first.filter((code) => code !== 'ok' && code !== 'Throttling.User')).toEqual([])
  await server.admin('PUT', 'faults', { seed: 8, operations: { [IMAGES]: { throttleRate: 0.5 } } })
  const other: string[] = []
  for (let i = 0; i < 40; i++) other.push((await callImages()).ok ? 'ok' : 'Throttling.User')
  expect(other).not.toEqual(first)
})

it('injects the internal error in each vendor envelope', async () => {
  await server.admin('PUT', 'faults', { operations: { '*': { errorRate: 1 } } })
  expect(await callImages()).toMatchObject({ ok: false, status: 500, code: 'InternalError' })
  expect(await server.client.modifyImageAttributes({ imageId: 'img-12345678' })).toMatchObject({
    status: 200,
    code: '6000',
  })
  expect(
    await server.client.modifyImageAttribute({ ImageId: SAMPLE_IDS.cvmImageV3 }),
  ).toMatchObject({ status: 200, code: 'InternalError' })
  const huawei = await server.client.modifyImage(
    { path: SAMPLE_IDS.imagesearchPath, tags: {} },
    { pathParams: { project_id: project, instance_name: instance } },
  )
  expect(huawei).toMatchObject({ status: 400, code: 'IS.0009' })
  const journal = (await server.admin('GET', 'requests')).json.requests.at(-1)
  expect(journal.steps.at(-1)).toMatchObject({ step: 'inject', ok: false })
})

it('adds latency before answering', async () => {
  await server.admin('PUT', 'faults', { operations: { [IMAGES]: { latencyMs: 120 } } })
  const started = performance.now()
  expect((await callImages()).ok).toBe(true)
  expect(performance.now() - started).toBeGreaterThanOrEqual(115)
})

it('resets the connection', async () => {
  await server.admin('PUT', 'faults', { operations: { [IMAGES]: { resetRate: 1 } } })
  await expect(callImages()).rejects.toThrow()
  expect((await server.admin('GET', 'health')).json).toEqual({ status: 'ok' })
  // The journal records what the client saw: no answer, not the 503 it never received.
  const { requests } = (await server.admin('GET', 'requests')).json
  expect(requests.at(-1)).toMatchObject({ operation: IMAGES, status: null, noAnswer: 'reset' })
  expect(requests.at(-1)).not.toHaveProperty('code')
})

it('hangs until the client gives up', async () => {
  await server.admin('PUT', 'faults', { operations: { [IMAGES]: { hangRate: 1 } } })
  const request = signCall(
    { endpoint: server.url, credentials: testCredentials() },
    updateImageInfos,
    { UpdateContent: '[{"ImageId":"x"}]' },
  )
  const timed = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    fetch(input, { ...init, signal: AbortSignal.timeout(300) })) as typeof fetch
  await expect(sendWire(server.url, request, timed)).rejects.toMatchObject({ name: 'TimeoutError' })
  const { requests } = (await server.admin('GET', 'requests')).json
  expect(requests.at(-1)).toMatchObject({ operation: IMAGES, status: null, noAnswer: 'hang' })
  await server.admin('DELETE', 'faults')
  expect((await callImages()).ok).toBe(true)
})

it('refuses an invalid configuration naming the path, and keeps the previous one', async () => {
  await server.admin('PUT', 'faults', { operations: { [IMAGES]: { errorRate: 1 } } })
  const bad = await server.admin('PUT', 'faults', { operations: { [IMAGES]: { errorRate: 2 } } })
  expect(bad.status).toBe(400)
  expect(bad.json.issues[0]).toContain(
    'faultInjection.operations.alibaba-vod.UpdateImageInfos.errorRate',
  )
  expect((await server.admin('GET', 'faults')).json.operations[IMAGES]).toEqual({ errorRate: 1 })
})

it('refuses an unknown operation id at PUT faults, naming the path and the valid ids', async () => {
  const bad = await server.admin('PUT', 'faults', {
    operations: { 'alibaba-vod.UpdateVidoInfos': { errorRate: 1 } },
  })
  expect(bad.status).toBe(400)
  expect(bad.json.code).toBe('E_INVALID_STATE')
  expect(bad.json.issues).toEqual([
    `faultInjection.operations.alibaba-vod.UpdateVidoInfos: unknown operation id; use one of ${FAULT_TARGETS.join(', ')}`,
  ])
  expect(bad.json.issues[0]).toContain('alibaba-vod.UpdateVideoInfos')
  expect((await server.admin('GET', 'faults')).json).toBeNull()
})

it('refuses an unknown operation id in a seed and in setFaultInjection, with a stable code', () => {
  const seed = { ...createDefaultState(), faultInjection: { operations: { UpdateVidoInfos: {} } } }
  expect(() => createSimulator({ seed, seedSource: 'seed.json' })).toThrow(
    /Failed to load state "seed\.json".*\n {2}faultInjection\.operations\.UpdateVidoInfos: unknown operation id; use one of \*, alibaba-vod\./s,
  )
  const simulator = createSimulator()
  expect(() =>
    simulator.setFaultInjection({ operations: { UpdateVidoInfos: { errorRate: 1 } } }),
  ).toThrow(expect.objectContaining({ code: 'E_INVALID_STATE' }))
  expect(simulator.faultInjection()).toBeUndefined()
  simulator.setFaultInjection({ operations: { '*': { errorRate: 1 }, [IMAGES]: {} } })
  expect(Object.keys(simulator.faultInjection()?.operations ?? {})).toEqual(['*', IMAGES])
})

it('applies the same faults through the MSW handlers', async () => {
  const simulator = createSimulator()
  simulator.setFaultInjection({ operations: { [IMAGES]: { resetRate: 1 } } })
  const msw = setupServer(...createHandlers({ simulator }))
  msw.listen({ onUnhandledRequest: 'error' })
  try {
    const request = signCall(
      { endpoint: 'https://vod.cn-shanghai.aliyuncs.com', credentials: testCredentials() },
      updateImageInfos,
      {
        UpdateContent: '[{"ImageId":"x"}]',
      },
    )
    await expect(sendWire('https://vod.cn-shanghai.aliyuncs.com', request)).rejects.toThrow(
      /fetch/i,
    )
  } finally {
    msw.close()
  }
})
