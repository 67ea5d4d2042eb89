/**
 * MSW handlers and `withTape` in one process (its own file: both hook the process's fetch and
 * node:http). nock's recorder used to tear the shared interceptor down: MSW went silent after a
 * recording, and after MSW's close the next recording threw "already replaced". (The test that
 * restores nock runs first: after MSW's close, nock.restore() itself can no longer undo nock's
 * patch, a limit of @mswjs/interceptors 0.41, not of withTape.)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import nock from 'nock'
import { afterAll, expect, it } from 'vitest'
import { createClient, testCredentials } from '../src/client/index.ts'
import { createHandlers } from '../src/msw/index.ts'
import { withTape } from '../src/record/with-tape.ts'
import { readTape } from '../src/tapes/index.ts'
import { imageRequest } from './support/build-tape.ts'
import { startTestServer } from './support/start-test-server.ts'

const dir = mkdtempSync(join(tmpdir(), 'tapedeck-msw-tape-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const update = (endpoint: string, Title: string) =>
  createClient({ endpoint, credentials: testCredentials() }).updateImageInfos({
    UpdateContent: [{ ImageId: 'vod-image-05', Title }],
  })

/** The same call over node:http (what most SDKs use), answered with its status. */
function overNodeHttp(endpoint: string): Promise<number> {
  const wire = imageRequest([{ ImageId: 'vod-image-06', Title: 'node-http' }], { now: Date.now })
  return new Promise((resolve, reject) => {
    const url = new URL(`${wire.path}?${wire.query}`, endpoint)
    const { host: _, ...headers } = wire.headers
    // http.request read at call time, as CJS SDKs do (an ESM named import keeps the unpatched one).
    const sent = http.request(url, { method: wire.method, headers }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
    })
    sent.on('error', reject)
    sent.end(wire.body)
  })
}

it('records when no interceptor is running (nock restored by the test), and leaves none behind', async () => {
  nock.restore()
  try {
    const upstream = await startTestServer({ now: Date.now })
    const live = await withTape('no-interceptor', () => update(upstream.url, 'alone'), {
      mode: 'record-all',
      dir,
    })
    expect(live).toMatchObject({ ok: true })
    expect((await readTape(join(dir, 'no-interceptor.har'))).tape.log.entries).toHaveLength(1)
    // Its own interceptor is disposed of: a call after it reaches the server untouched.
    expect(await update(upstream.url, 'after')).toMatchObject({ ok: true })
    await upstream.close()
  } finally {
    nock.activate()
  }
})

it('records with withTape while MSW handlers are listening, and after they closed, in one process', async () => {
  const server = setupServer(...createHandlers())
  server.listen({ onUnhandledRequest: 'bypass' })
  const vendor = 'https://vod.cn-shanghai.aliyuncs.com'
  expect(await update(vendor, 'msw before')).toMatchObject({ ok: true })

  const upstream = await startTestServer({ now: Date.now })
  const live = await withTape(
    'with-msw',
    async () => [await update(upstream.url, 'taped'), await overNodeHttp(upstream.url)],
    { mode: 'record-all', dir },
  )
  expect(live).toEqual([expect.objectContaining({ ok: true }), 200])
  const { tape } = await readTape(join(dir, 'with-msw.har'))
  expect(tape.log.entries.map((entry) => entry.request.method)).toEqual(['GET', 'POST'])
  // MSW still answers on the vendor host after the recording.
  expect(await update(vendor, 'msw after')).toMatchObject({ ok: true })

  server.close()
  const again = await withTape('after-close', () => update(upstream.url, 'again'), {
    mode: 'record-all',
    dir,
  })
  expect(again).toMatchObject({ ok: true })
  await upstream.close()
  // Replayed with the upstream gone: the tape answers.
  const replayed = await withTape('after-close', () => update(upstream.url, 'again'), { dir })
  expect(replayed).toEqual(again)
})
