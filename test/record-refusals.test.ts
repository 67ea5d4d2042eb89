/**
 * `tapedeck record` without re-signing credentials, in front of an upstream that checks host-bound
 * signatures: the answer and the log name the real cause (the request was not re-signed) and the
 * variables that fix it, not only the leak the upstream's refusal caused.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createClient, testCredentials } from '../src/client/index.ts'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { readTape } from '../src/tapes/index.ts'
import { useBin } from './support/run-cli.ts'
import { startTestServer } from './support/start-test-server.ts'

const run = useBin()
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** The environment with no Tencent credentials a developer machine might carry. */
const NO_TENCENT = {
  TAPEDECK_TENCENT_SECRET_ID: '',
  TAPEDECK_TENCENT_SECRET_KEY: '',
  TENCENTCLOUD_SECRET_ID: '',
  TENCENTCLOUD_SECRET_KEY: '',
}

async function recordLegacyTencent(env: Record<string, string>) {
  const upstream = await startTestServer({ now: Date.now })
  cleanups.push(() => upstream.close())
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-refusal-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const tape = join(dir, 'legacy.har')
  const recorder = run(['record', '--upstream', upstream.url, '--tape', tape, '--port', '0'], {
    ...NO_TENCENT,
    ...env,
  })
  const [, url] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const out = await createClient({
    endpoint: url!,
    credentials: testCredentials(),
  }).modifyImageAttributes({ imageId: 'img-12345678', imageName: 'recorded' })
  return { out, recorder, tape }
}

it('names the missing re-signing credentials when the upstream refuses a Tencent 2.0 signature', async () => {
  const { out, recorder } = await recordLegacyTencent({})
  expect(out).toMatchObject({ ok: false, status: 502 })
  const fix = 'set TAPEDECK_TENCENT_SECRET_ID, TAPEDECK_TENCENT_SECRET_KEY'
  const cause = 'the upstream answered 200 with code 4100'
  expect(out.ok || out.message).toContain(fix)
  expect(out.ok || out.message).toContain(cause)
  expect(out.ok || out.message).toContain('there are no tencent credentials to re-sign it with')
  await recorder.waitFor(/in the recorder's environment \(.*\)\n/)
  expect(recorder.output()).toContain(fix)
  expect(recorder.output()).not.toContain(DEFAULT_CREDENTIALS.tencent.secretId)
})

it('records the same call once the variables it names are set', async () => {
  const { secretId, secretKey } = DEFAULT_CREDENTIALS.tencent
  const { out, recorder, tape } = await recordLegacyTencent({
    TAPEDECK_TENCENT_SECRET_ID: secretId,
    TAPEDECK_TENCENT_SECRET_KEY: secretKey,
  })
  expect(out).toMatchObject({ ok: true })
  recorder.child.kill('SIGINT')
  expect(await recorder.exited).toBe(0)
  expect((await readTape(tape)).tape.log.entries).toHaveLength(1)
})
