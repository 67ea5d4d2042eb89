/**
 * `tapedeck record` without re-signing credentials, in front of an upstream that checks host-bound
 * signatures: the client gets the upstream's refusal, and the log names the real cause (the request
 * was not re-signed) and the variables that fix it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
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
  const { out, recorder, tape } = await recordLegacyTencent({})
  // The client gets the upstream's refusal as it was sent (README Decisions: the string to sign).
  expect(out).toMatchObject({ ok: false, code: '4100' })
  // The recorder's log names the real cause and the fix.
  const fix = 'set TAPEDECK_TENCENT_SECRET_ID, TAPEDECK_TENCENT_SECRET_KEY'
  await recorder.waitFor(/in the recorder's environment\n/)
  expect(recorder.output()).toContain('the upstream answered 200 with code 4100')
  expect(recorder.output()).toContain('there are no tencent credentials to re-sign it with')
  expect(recorder.output()).toContain(fix)
  expect(recorder.output()).not.toContain(DEFAULT_CREDENTIALS.tencent.secretId)
  recorder.child.kill('SIGINT')
  expect(await recorder.exited).toBe(0)
  expect(readFileSync(tape, 'utf8')).not.toContain(DEFAULT_CREDENTIALS.tencent.secretId)
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
