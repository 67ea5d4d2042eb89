/**
 * `GET /__tapedeck/state` never carries a credential secret unless asked for with `?secrets=1`,
 * and the masked document still round-trips through `PUT` (each masked secret is put back from the
 * credential with the same id), over real sockets.
 */
import { afterEach, expect, it } from 'vitest'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

let server: TestServer
afterEach(() => server?.close())

const { alibaba, tencent, huawei } = DEFAULT_CREDENTIALS
const SECRETS = [alibaba.accessKeySecret, tencent.secretKey, huawei.sk, huawei.token]

it('masks every credential secret in GET state, and gives them only with ?secrets=1', async () => {
  server = await startTestServer()
  const response = await fetch(`${server.url}/__tapedeck/state`)
  const text = await response.text()
  for (const secret of SECRETS) expect(text).not.toContain(secret)
  const full = (await server.admin('GET', 'state?secrets=1')).json
  // Every secret field of every credential the server holds (an STS security token too).
  const held = Object.values(full.credentials as Record<string, Record<string, string>[]>).flat()
  const values = held.flatMap((row) =>
    ['accessKeySecret', 'securityToken', 'secretKey', 'sk', 'token'].flatMap((field) =>
      row[field] === undefined ? [] : [row[field]],
    ),
  )
  expect(values).toContain('testStsSecurityToken')
  for (const value of values) expect(text).not.toContain(value)
  const { credentials } = JSON.parse(text)
  expect(credentials.alibaba[0]).toEqual({
    accessKeyId: alibaba.accessKeyId,
    accessKeySecret: '<redacted>',
    account: 'demo',
  })
  expect(credentials.tencent[0].secretKey).toBe('<redacted>')
  expect(credentials.huaweiAksk[0].sk).toBe('<redacted>')
  expect(credentials.huaweiTokens[0].token).toBe('<redacted>')
  expect(full.credentials.alibaba[0].accessKeySecret).toBe(alibaba.accessKeySecret)
  expect(full.credentials.huaweiTokens[0].token).toBe(huawei.token)
})

it('takes the masked document back in PUT state, each secret kept, so signed calls still pass', async () => {
  server = await startTestServer()
  const masked = (await server.admin('GET', 'state')).json
  masked.vodImages = [{ account: 'demo', imageId: 'only-one', title: 'solo' }]
  expect((await server.admin('PUT', 'state', masked)).status).toBe(200)
  const full = (await server.admin('GET', 'state?secrets=1')).json
  for (const secret of SECRETS) expect(JSON.stringify(full.credentials)).toContain(secret)
  const out = await server.client.updateImageInfos({ UpdateContent: [{ ImageId: 'only-one' }] })
  expect(out).toMatchObject({ ok: true })
})

it('refuses a masked secret that stands for nothing, by JSON path, and changes nothing', async () => {
  server = await startTestServer()
  const masked = (await server.admin('GET', 'state')).json
  masked.credentials.alibaba.push({
    accessKeyId: 'a-new-key-id',
    accessKeySecret: '<redacted>',
    account: 'demo',
  })
  const answer = await server.admin('PUT', 'state', masked)
  expect(answer.status).toBe(400)
  const index = masked.credentials.alibaba.length - 1
  expect(answer.json.issues).toEqual([
    `credentials.alibaba[${index}].accessKeySecret: "<redacted>" stands for a secret this server holds, but it holds none for this credential; give the secret itself`,
  ])
  const after = (await server.admin('GET', 'state')).json
  expect(after.credentials.alibaba).toHaveLength(index)
})
