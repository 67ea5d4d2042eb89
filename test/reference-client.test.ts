/**
 * The reference client over a real server: each variant signs with the credential kind its scheme
 * declares for it (the IAM token for Huawei `TOKEN`), and a variant the scheme does not have is
 * refused rather than signed as another one.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { TapedeckError } from '../src/errors.ts'
import { DEFAULT_CREDENTIALS, SAMPLE_IDS } from '../src/simulator/index.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(() => server.close())

const { project, instance } = DEFAULT_CREDENTIALS.huawei
const pathParams = { project_id: project, instance_name: instance }

it('signs the Huawei TOKEN variant with the IAM token of testCredentials(), not the AK', async () => {
  const out = await server.client.modifyImage(
    { path: SAMPLE_IDS.imagesearchPath, tags: { 'test-tags': 'by-token' } },
    { variant: 'TOKEN', pathParams },
  )
  expect(out).toMatchObject({ ok: true, status: 200 })
  // The journal shows the token masked; the AK (`testHuaweiAK`) would be shown as it is.
  const { requests } = (await server.admin('GET', 'requests')).json
  expect(requests.at(-1).keyId).toBe('test…(17 chars)')
})

it.each([
  ['updateImageInfos', 'PUT', 'GET, POST, POST-query, ACS3'],
  ['modifyImageAttribute', 'POST', 'TC3, TC3-GET, HmacSHA256, HmacSHA1'],
  ['modifyImage', 'TC3', 'AKSK, TOKEN'],
] as const)(
  'refuses %s with variant %s, naming the variants there are',
  async (method, variant, known) => {
    const before = (await server.admin('GET', 'requests')).json
    const call = server.client[method]({} as never, { variant, pathParams })
    await expect(call).rejects.toThrow(TapedeckError)
    await expect(call).rejects.toThrow(`signs with ${known}; got "${variant}"`)
    // Refused before anything was sent.
    expect((await server.admin('GET', 'requests')).json).toEqual(before)
  },
)
