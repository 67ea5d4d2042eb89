import OpenApiMod, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client'
import RPCClient from '@alicloud/pop-core'
import { RuntimeOptions } from '@alicloud/tea-util'
import { afterEach, expect, it } from 'vitest'
import { createClient } from '../src/client/index.ts'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { startTestServer, T0, type TestServer } from './support/start-test-server.ts'

// A temporary (STS) AccessKey's calls carry its SecurityToken: a missing, wrong or expired token is
// refused in POP's envelope, through signature v1 (GET, POST) and ACS3, and by the official SDKs.
const OpenApiClient = ((OpenApiMod as unknown as { default?: unknown }).default ??
  OpenApiMod) as typeof OpenApiMod.default

const sts = DEFAULT_CREDENTIALS.alibabaSts
const content = { UpdateContent: [{ ImageId: 'vod-image-07', Title: 'via STS' }] }

let server: TestServer | undefined
afterEach(() => server?.close())

/** A reference client signing with the STS key and the given token (none when undefined). */
function stsClient(s: TestServer, securityToken: string | undefined) {
  return createClient({
    endpoint: s.url,
    now: s.now,
    credentials: {
      alibaba: {
        keyId: sts.accessKeyId,
        secret: sts.accessKeySecret,
        ...(securityToken === undefined ? {} : { securityToken }),
      },
    },
  })
}

for (const variant of ['GET', 'POST', 'ACS3']) {
  it(`${variant}: accepts the STS key with its token, refuses it without, with another or expired`, async () => {
    server = await startTestServer()
    const call = (token: string | undefined) =>
      stsClient(server!, token).updateImageInfos(content, { variant })
    expect(await call(sts.securityToken)).toMatchObject({ ok: true, status: 200 })
    expect(await call(undefined)).toMatchObject({
      ok: false,
      status: 400,
      code: 'MissingSecurityToken',
      message: 'SecurityToken is mandatory for this action.',
    })
    expect(await call('someoneElsesToken')).toMatchObject({
      ok: false,
      status: 400,
      code: 'InvalidSecurityToken.MismatchWithAccessKey',
    })
    // Expiry follows the injected clock: a credential that expires an hour after T0.
    const state = (await server.admin('GET', 'state')).json
    const entry = state.credentials.alibaba.find(
      (c: { accessKeyId: string }) => c.accessKeyId === sts.accessKeyId,
    )
    entry.expiration = new Date(T0 + 3_600_000).toISOString()
    expect((await server.admin('PUT', 'state', state)).status).toBe(200)
    expect(await call(sts.securityToken)).toMatchObject({ ok: true })
    server.advance(3_600_000)
    expect(await call(sts.securityToken)).toMatchObject({
      ok: false,
      status: 400,
      code: 'InvalidSecurityToken.Expired',
      message: 'Specified SecurityToken is expired.',
    })
  })
}

it('ignores a SecurityToken sent with a permanent key (no source says the vendor refuses it)', async () => {
  server = await startTestServer()
  const { accessKeyId, accessKeySecret } = DEFAULT_CREDENTIALS.alibaba
  const client = createClient({
    endpoint: server.url,
    now: server.now,
    credentials: {
      alibaba: { keyId: accessKeyId, secret: accessKeySecret, securityToken: 'stray' },
    },
  })
  expect(await client.updateImageInfos(content)).toMatchObject({ ok: true })
})

it('pop-core with securityToken: accepted with the right token, MissingSecurityToken without', async () => {
  server = await startTestServer({ now: Date.now })
  const pop = (securityToken?: string) =>
    new RPCClient({
      accessKeyId: sts.accessKeyId,
      accessKeySecret: sts.accessKeySecret,
      ...(securityToken ? { securityToken } : {}),
      endpoint: server!.url,
      apiVersion: '2017-03-21',
    })
  const params = { UpdateContent: JSON.stringify(content.UpdateContent) }
  const ok = await pop(sts.securityToken).request('UpdateImageInfos', params, { method: 'POST' })
  expect(ok).toMatchObject({ NonExistImageIds: { ImageId: [] } })
  const refused = await pop()
    .request('UpdateImageInfos', params, { method: 'POST' })
    .catch((error: Error & { code: string }) => error)
  expect(refused).toMatchObject({ code: 'MissingSecurityToken' })
})

for (const signatureAlgorithm of ['v2', 'ACS3-HMAC-SHA256']) {
  it(`Tea ${signatureAlgorithm} with securityToken: accepted; a wrong token is InvalidSecurityToken.MismatchWithAccessKey`, async () => {
    server = await startTestServer({ now: Date.now })
    const tea = (securityToken: string) =>
      new OpenApiClient(
        new Config({
          accessKeyId: sts.accessKeyId,
          accessKeySecret: sts.accessKeySecret,
          securityToken,
          endpoint: `127.0.0.1:${server!.port}`,
          protocol: 'http',
          signatureAlgorithm,
        }),
      )
    const call = (securityToken: string) =>
      tea(securityToken).callApi(
        new Params({
          action: 'UpdateImageInfos',
          version: '2017-03-21',
          protocol: 'HTTP',
          pathname: '/',
          method: 'POST',
          authType: 'AK',
          style: 'RPC',
          reqBodyType: 'formData',
          bodyType: 'json',
        }),
        new OpenApiRequest({ query: { UpdateContent: JSON.stringify(content.UpdateContent) } }),
        new RuntimeOptions({}),
      )
    expect(await call(sts.securityToken)).toMatchObject({ statusCode: 200 })
    const refused = await call('wrong').catch((error: Error & { code: string }) => error)
    expect(refused).toMatchObject({ code: 'InvalidSecurityToken.MismatchWithAccessKey' })
  })
}
