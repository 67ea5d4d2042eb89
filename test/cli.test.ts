import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createDefaultState } from '../src/simulator/index.ts'
import { useBin } from './support/run-cli.ts'

const run = useBin()

it('serves on a free port, prints the banner, logs requests and closes on SIGTERM', async () => {
  const server = run(['serve', '--port', '0'])
  const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  expect(server.output()).toContain('AccessKeyId testAccessKeyId')
  expect(await (await fetch(`${url}/__tapedeck/health`)).json()).toEqual({ status: 'ok' })
  await fetch(`${url}/?Action=UpdateImageInfos`)
  await server.waitFor(/GET \/ alibaba-rpc → 400 MissingParameter/)
  server.child.kill('SIGTERM')
  expect(await server.exited).toBe(0)
})

it('announces --auth off loudly and accepts unsigned requests', async () => {
  const server = run(['serve', '--port', '0', '--auth', 'off', '--quiet'])
  const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  expect(server.output()).toContain('NOT CHECKED')
  const content = encodeURIComponent(JSON.stringify([{ ImageId: 'vod-image-01', Title: 'curl' }]))
  const response = await fetch(
    `${url}/?Action=UpdateImageInfos&Version=2017-03-21&Format=JSON&UpdateContent=${content}`,
  )
  expect(await response.json()).toMatchObject({ NonExistImageIds: { ImageId: [] } })
})

it('loads a seed file and refuses an invalid one naming the JSON path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-seed-'))
  const good = join(dir, 'good.json')
  writeFileSync(good, JSON.stringify({ ...createDefaultState(), vodImages: [] }))
  const server = run(['serve', '--port', '0', '--seed', good, '--quiet'])
  const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  expect((await (await fetch(`${url}/__tapedeck/state`)).json()).vodImages).toEqual([])
  const bad = join(dir, 'bad.json')
  writeFileSync(bad, JSON.stringify({ ...createDefaultState(), vodVideos: [{ account: 'demo' }] }))
  const failing = run(['serve', '--port', '0', '--seed', bad])
  expect(await failing.exited).toBe(2)
  expect(failing.errors()).toContain('vodVideos[0].videoId')
})

it('applies --rate-limit and refuses unknown names with the valid choices', async () => {
  const server = run([
    'serve',
    '--port',
    '0',
    '--quiet',
    '--rate-limit',
    'alibaba-vod.UpdateImageInfos=1',
  ])
  const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const { createClient, testCredentials } = await import('../src/client/index.ts')
  const client = createClient({ endpoint: url!, credentials: testCredentials() })
  const results = await Promise.all(
    [1, 2].map(() => client.updateImageInfos({ UpdateContent: [{ ImageId: 'vod-image-01' }] })),
  )
  expect(results.map((r) => (r.ok ? 'ok' : r.code)).sort()).toEqual(['Throttling.User', 'ok'])
  const bad = run(['serve', '--port', '0', '--window', 'nowhere=5'])
  expect(await bad.exited).toBe(2)
  expect(bad.errors()).toContain('use one of alibaba-rpc, tencent-v2, tencent-v3, huawei-apig')
})

it('verifies the contracts against a running server through the bin, with a JUnit file', async () => {
  const server = run(['serve', '--port', '0', '--quiet'])
  const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const junit = join(mkdtempSync(join(tmpdir(), 'tapedeck-junit-')), 'verify.xml')
  const contracts = join(import.meta.dirname, '..', 'contracts')
  const verify = run([
    'verify',
    '--provider-url',
    url!,
    '--contracts',
    contracts,
    '--provider',
    'huawei-imagesearch',
    '--junit',
    junit,
  ])
  expect(await verify.exited).toBe(0)
  expect(verify.output()).toMatch(/\d+ passed, 0 failed, 0 skipped/)
  expect(readFileSync(junit, 'utf8')).toContain('<testsuite name="huawei-imagesearch"')
})

it('injects faults from --fault, deterministic from --fault-seed', async () => {
  const server = run([
    'serve',
    '--port',
    '0',
    '--quiet',
    '--fault',
    'alibaba-vod.UpdateImageInfos:errorRate=1',
    '--fault-seed',
    '3',
  ])
  const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  expect(await (await fetch(`${url}/__tapedeck/faults`)).json()).toEqual({
    seed: 3,
    operations: { 'alibaba-vod.UpdateImageInfos': { errorRate: 1 } },
  })
  const { createClient, testCredentials } = await import('../src/client/index.ts')
  const client = createClient({ endpoint: url!, credentials: testCredentials() })
  expect(
    await client.updateImageInfos({ UpdateContent: [{ ImageId: 'vod-image-01' }] }),
  ).toMatchObject({ status: 500, code: 'InternalError' })
  const bad = run(['serve', '--port', '0', '--fault', 'nope:errorRate=1'])
  expect(await bad.exited).toBe(2)
})

it('logs an injected reset and hang as what the client saw, not a status it never got', async () => {
  const server = run([
    'serve',
    '--port',
    '0',
    '--auth',
    'off',
    '--fault',
    'alibaba-vod.UpdateImageInfos:resetRate=1',
    '--fault',
    'alibaba-vod.UpdateVideoInfos:hangRate=1',
  ])
  const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const call = (action: string) =>
    fetch(`${url}/?Action=${action}&Version=2017-03-21&Format=JSON`, {
      signal: AbortSignal.timeout(300),
    }).catch((error: unknown) => error)
  expect(await call('UpdateImageInfos')).toBeInstanceOf(Error)
  await server.waitFor(/GET \/ alibaba-vod\.UpdateImageInfos → reset \(injected\) \d/)
  expect(await call('UpdateVideoInfos')).toBeInstanceOf(Error)
  await server.waitFor(/GET \/ alibaba-vod\.UpdateVideoInfos → hang \(injected\) \d/)
  expect(server.output()).not.toMatch(/UpdateImageInfos → \d|UpdateVideoInfos → \d/)
})

it('prints in the banner the admin token requirement, the faults and the rate limits in force', async () => {
  const server = run([
    'serve',
    '--port',
    '0',
    '--quiet',
    '--admin-token',
    'banner-secret',
    '--fault',
    'alibaba-vod.UpdateImageInfos:errorRate=0.25',
    '--rate-limit',
    'alibaba-vod.UpdateVideoInfos=0',
  ])
  await server.waitFor(/admin: .*\n/)
  const banner = server.output()
  expect(banner).toMatch(/__tapedeck\/\{health,.*,faults,.*\} \(requires the admin token/)
  expect(banner).not.toContain('banner-secret')
  expect(banner).toMatch(
    /faults injected \(seed 1\):\n {4}alibaba-vod\.UpdateImageInfos +errorRate=0\.25/,
  )
  expect(banner).toContain('rate limits (per account): tencent-cvm.ModifyImageAttribute 10/s')
})
