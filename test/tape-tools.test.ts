/**
 * The in-process tools over the same HAR tapes: nock `withTape`,
 * `nock.define()` export, redaction of every scheme's credential fields, and `lintTape`.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nock from 'nock'
import { afterEach, expect, it } from 'vitest'
import { modifyImage, modifyImageAttribute, updateImageInfos } from '../src/catalog/index.ts'
import { createClient, sendWire, signCall, testCredentials } from '../src/client/index.ts'
import { withTape } from '../src/record/with-tape.ts'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import {
  entryRequest,
  lintTape,
  readTape,
  redactRequest,
  redactResponse,
  toNockDefinitions,
} from '../src/tapes/index.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'
import { startTestServer, T0 } from './support/start-test-server.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})
const item = (Title: string) => [{ ImageId: 'vod-image-01', Title }]

it('withTape records a session on nock and replays it with the upstream gone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-nock-'))
  const upstream = await startTestServer({ now: Date.now })
  const call = (endpoint: string) =>
    createClient({ endpoint, credentials: testCredentials() }).updateImageInfos({
      UpdateContent: [{ ImageId: 'vod-image-05', Title: 'with tape' }],
    })
  const live = await withTape('session', () => call(upstream.url), { mode: 'record-all', dir })
  expect(live).toMatchObject({ ok: true })
  await upstream.close()
  const text = readFileSync(join(dir, 'session.har'), 'utf8')
  expect(text).not.toContain(DEFAULT_CREDENTIALS.alibaba.accessKeySecret)
  expect(text).not.toContain(DEFAULT_CREDENTIALS.alibaba.accessKeyId)
  // A tape withTape writes is HAR 1.2 as har-validator checks it.
  const validate = await import('har-validator')
  const document = JSON.parse(text)
  await expect(validate.har(document)).resolves.toBe(document)
  const replayed = await withTape('session', () => call(upstream.url), { dir })
  expect(replayed).toEqual(live)
  // The advice names the option of this door (withTape's `dir`), not the CLI's `--dir`.
  await expect(withTape('../escaped', () => call(upstream.url), { dir })).rejects.toThrow(
    `"../escaped.har" is outside the tape directory "${dir}" (set withTape's dir option to widen it)`,
  )
})

it('exports a tape as nock.define() definitions that replay the byte-identical request', async () => {
  const { tape } = buildTape([[imageRequest(item('a')), okResponse('defined')]])
  const definitions = toNockDefinitions(tape)
  expect(definitions[0]).toMatchObject({
    scope: 'https://vod.cn-shanghai.aliyuncs.com',
    method: 'POST',
    status: 200,
  })
  nock.define(definitions)
  cleanups.push(() => nock.cleanAll())
  const response = await sendWire(
    'https://vod.cn-shanghai.aliyuncs.com',
    entryRequest(tape.log.entries[0]!),
  )
  expect(JSON.parse(response.body)).toMatchObject({ RequestId: 'defined' })
})

it('redacts TC3 and AK/SK Authorization fields, IAM tokens and response tokens to typed placeholders', () => {
  const credentials = testCredentials()
  const tc3 = signCall(
    { endpoint: 'https://cvm.tencentcloudapi.com', credentials, now: () => T0 },
    modifyImageAttribute,
    {
      ImageId: 'img-1',
      ImageName: 'n',
    },
  )
  const redactedTc3 = redactRequest(tc3)
  expect(redactedTc3.value.headers['authorization']).toMatch(
    /^TC3-HMAC-SHA256 Credential=redacted:Credential, ?SignedHeaders=[^,]+, ?Signature=redacted:Signature$/,
  )
  expect(redactedTc3.secrets).toContain(DEFAULT_CREDENTIALS.tencent.secretId)
  const { project, instance } = DEFAULT_CREDENTIALS.huawei
  const token = signCall(
    { endpoint: 'https://imagesearch.cn-north-4.myhuaweicloud.com', credentials, now: () => T0 },
    modifyImage,
    { path: 'p', tags: {} },
    { variant: 'TOKEN', pathParams: { project_id: project, instance_name: instance } },
  )
  const redactedToken = redactRequest(token)
  expect(redactedToken.value.headers['x-auth-token']).toBe('redacted:x-auth-token')
  expect(redactedToken.redactions).toContain('header:x-auth-token')
  const response = redactResponse({
    status: 201,
    headers: { 'x-subject-token': 'MIIsecret', 'content-type': 'a' },
    body: '',
  })
  expect(response.value.headers).toEqual({
    'x-subject-token': 'redacted:x-subject-token',
    'content-type': 'a',
  })
})

it('lintTape reports undocumented and missing response fields, duplicates and leaked key ids', () => {
  const drifted = {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ RequestId: 'r', Surprise: 1 }),
  }
  const tape = buildTape(
    [
      [imageRequest(item('a')), okResponse('same')],
      [imageRequest(item('a')), okResponse('same')],
      [imageRequest(item('b')), drifted],
      [imageRequest(item('c')), okResponse('LTAI5tAbCdEfGhIjKlMnOpQr')],
    ],
    { source: 'vod.har' },
  )
  const issues = lintTape(tape).map((issue) => `${issue.path}: ${issue.code}: ${issue.message}`)
  expect(issues).toEqual([
    'vod.har log.entries[1]: duplicate: same request and response as log.entries[0]',
    `vod.har log.entries[2]: drift-undocumented: ${updateImageInfos.id} response has undocumented field "Surprise"`,
    `vod.har log.entries[2]: drift-missing: ${updateImageInfos.id} response lacks documented field "NonExistImageIds"`,
    'vod.har log.entries[3]: secret: contains Alibaba AccessKeyId (LTAI…)',
  ])
})

it('reads back a tape written by the recorder path with every entry valid', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-read-'))
  const { writeTape } = await import('../src/tapes/index.ts')
  const file = join(dir, 't.har')
  await writeTape(file, buildTape([[imageRequest(item('a')), okResponse('x')]]).tape)
  expect((await readTape(file)).tape.log.entries[0]!._tapedeck.operation).toBe(updateImageInfos.id)
})
