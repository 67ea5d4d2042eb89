import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createClient, testCredentials } from '../src/client/index.ts'
import { startRecorder } from '../src/record/index.ts'
import { startReplayServer } from '../src/replay/index.ts'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { readTape } from '../src/tapes/index.ts'
import { startHttpsUpstream } from './support/start-https-upstream.ts'
import { TEST_CERT } from './support/test-certificate.ts'

// A vendor's signature mismatch echoes its string to sign, which names the key id and a temporary
// credential's security token. The recorder keeps that answer, each echoed value replaced by the
// placeholder its request field got (it refused the entry and answered 502 before).
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

const sts = DEFAULT_CREDENTIALS.alibabaSts

for (const variant of ['GET', 'POST']) {
  it(`records an upstream SignatureDoesNotMatch (${variant}) with the echoed key id and token redacted`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tapedeck-echo-'))
    const ca = join(dir, 'ca.pem')
    writeFileSync(ca, TEST_CERT)
    const upstream = await startHttpsUpstream()
    closers.push(() => upstream.close())
    const tape = join(dir, 'echo.har')
    // The recorder re-signs with a wrong secret, so the upstream answers a mismatch.
    const alibaba = {
      keyId: sts.accessKeyId,
      secret: 'wrong-secret-1',
      securityToken: sts.securityToken,
    }
    const recorder = await startRecorder({
      upstream: upstream.url,
      tape,
      ca,
      credentials: { ...testCredentials(), alibaba },
    })
    closers.push(() => recorder.close())
    const client = createClient({ endpoint: recorder.url, credentials: { alibaba } })
    const content = { UpdateContent: [{ ImageId: 'vod-image-01', Title: 'echo' }] }
    const out = await client.updateImageInfos(content, { variant })
    expect(out).toMatchObject({ ok: false, status: 400, code: 'SignatureDoesNotMatch' })
    await recorder.close()
    closers.pop()
    const text = readFileSync(tape, 'utf8')
    for (const value of [sts.accessKeyId, sts.securityToken, encodeURIComponent(sts.accessKeyId)])
      expect(text.includes(value)).toBe(false)
    const [entry] = (await readTape(tape)).tape.log.entries
    expect(entry?.response.content.text).toContain('AccessKeyId%3Dredacted:AccessKeyId%26')
    const replay = await startReplayServer({ tapes: [await readTape(tape)] })
    closers.push(() => replay.close())
    const replayed = await createClient({
      endpoint: replay.url,
      credentials: { alibaba },
    }).updateImageInfos(content, { variant })
    expect(replayed).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' })
  })
}
