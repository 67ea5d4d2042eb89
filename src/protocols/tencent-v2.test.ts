import { describe, expect, it } from 'vitest'
import { type Fault, isFault, modifyImageAttributes, vendorErrorFor } from '../catalog/index.ts'
import type { AuthContext, KeyRing, Principal, SignEnv, WireRequest } from './protocol.ts'
import { integerNonce } from './tencent-hmac-signature.ts'
import { tencentV2 } from './tencent-v2.ts'
import { testNonceStore } from './test-nonce-store.ts'

const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA'
const SECRET = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA'
const NOW = Date.UTC(2024, 0, 2, 3, 4, 5)
const keys: KeyRing = (_kind, id) =>
  id === SECRET_ID ? { secret: SECRET, account: 'acc' } : undefined
// The key the SDK probes in /tmp/sdkprobe used for their captured requests.
const sdkKeys: KeyRing = (_kind, id) =>
  id === 'AKIDxx' ? { secret: 'SKxx', account: 'sdk' } : undefined

function context(overrides: Partial<AuthContext> = {}): AuthContext {
  return { now: () => NOW, keys, nonces: testNonceStore(), windowSeconds: 300, ...overrides }
}

const env: SignEnv = { now: () => NOW, nonce: () => '40960' }
const params = { imageId: 'img-12345678', imageName: 'testName', imageDescription: 'descrip' }

function signed(variant?: string, endpoint = 'http://127.0.0.1:8080', signEnv = env): WireRequest {
  const call = {
    operation: modifyImageAttributes,
    params,
    endpoint,
    ...(variant ? { variant } : {}),
  }
  return tencentV2.sign(call, { keyId: SECRET_ID, secret: SECRET }, signEnv)
}

function verify(request: WireRequest, ctx = context()): Principal | Fault {
  const call = tencentV2.parse(request)
  if (isFault(call)) return call
  return tencentV2.authenticate(call, request, ctx)
}

/** Every parameter a request carries, from its query (GET) or its form body (POST). */
function received(request: WireRequest): Record<string, string> {
  const text = request.method === 'GET' ? request.query : request.body.toString()
  return Object.fromEntries(new URLSearchParams(text))
}

/** Rewrites one parameter of a GET request (undefined removes it). */
function withParam(request: WireRequest, name: string, value: string | undefined): WireRequest {
  const query = new URLSearchParams(request.query)
  if (value === undefined) query.delete(name)
  else query.set(name, value)
  return { ...request, query: query.toString() }
}

describe('tencent-v2 official SDK captures', () => {
  const now = () => 1795464972 * 1000

  it('accepts the form POST qcloudapi-sdk sent (HmacSHA1, Host with port)', () => {
    const request: WireRequest = {
      method: 'POST',
      path: '/v2/index.php',
      query: '',
      headers: { host: '127.0.0.1:34017', 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(
        'Region=gz&SecretId=AKIDxx&Timestamp=1795464972&Nonce=40960&RequestClient=SDK_NODEJS_0.2.1' +
          '&Action=ModifyImageAttributes&imageId=img-1&imageName=n&imageDescription=d%20%C3%BC&tags.0=a' +
          '&tags.1=b&Signature=igSg3gr4vRh%2Fyd8s7o6v2K5%2F6fE%3D',
      ),
    }
    expect(verify(request, context({ keys: sdkKeys, now }))).toEqual({
      keyId: 'AKIDxx',
      account: 'sdk',
    })
  })

  it('accepts the GET qcloudapi-sdk sent with HmacSHA256', () => {
    const request: WireRequest = {
      method: 'GET',
      path: '/v2/index.php',
      query:
        'Region=gz&SecretId=AKIDxx&Timestamp=1795464972&Nonce=31833&RequestClient=SDK_NODEJS_0.2.1' +
        '&Action=ModifyImageAttributes&imageId=img-1&imageName=n&imageDescription=d%20%C3%BC&tags.0=a' +
        '&tags.1=b&SignatureMethod=HmacSHA256&Signature=90xhjbb1FQSmd2QiGLeosN0xTCTAacVK8KP7bAKsOyo%3D',
      headers: { host: '127.0.0.1:34017' },
      body: Buffer.alloc(0),
    }
    expect(verify(request, context({ keys: sdkKeys, now }))).toEqual({
      keyId: 'AKIDxx',
      account: 'sdk',
    })
  })
})

describe('tencent-v2 sign, parse and authenticate', () => {
  it.each(tencentV2.variants)('round-trips the %s variant', (variant) => {
    const request = signed(variant)
    expect(request.path).toBe('/v2/index.php')
    expect(request.method).toBe(variant.startsWith('GET') ? 'GET' : 'POST')
    expect(tencentV2.claims(request)).toBe(true)
    const call = tencentV2.parse(request)
    expect(call).toEqual({
      protocol: 'tencent-v2',
      action: 'ModifyImageAttributes',
      version: undefined,
      params,
      keyId: SECRET_ID,
      format: 'json',
      scope: { region: 'gz' },
      signed: received(request),
    })
    expect(verify(request)).toEqual({ keyId: SECRET_ID, account: 'acc' })
  })

  it('signs POST with HmacSHA1 and no SignatureMethod by default, like qcloudapi-sdk', () => {
    const request = signed()
    const body = new URLSearchParams(request.body.toString())
    expect(request.method).toBe('POST')
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(body.get('SignatureMethod')).toBeNull()
    expect(body.get('Timestamp')).toBe(String(NOW / 1000))
    expect(body.get('Nonce')).toBe('40960')
  })

  it('sends SignatureMethod=HmacSHA256 for the HmacSHA256 variants', () => {
    expect(new URLSearchParams(signed('GET-HmacSHA256').query).get('SignatureMethod')).toBe(
      'HmacSHA256',
    )
  })

  it('turns a hex nonce from the environment into a positive integer', () => {
    const request = signed('GET', undefined, { now: () => NOW, nonce: () => '9f86d081884c7d65' })
    expect(new URLSearchParams(request.query).get('Nonce')).toMatch(/^[1-9]\d*$/)
    expect(verify(request)).toEqual({ keyId: SECRET_ID, account: 'acc' })
    expect(integerNonce('123')).toBe('123')
    expect(integerNonce('00ff')).toBe('255')
    expect(integerNonce('zz')).toBe('1')
  })

  it('accepts a signature made over a documented vendor host', () => {
    const request = signed('GET', 'https://image.api.qcloud.com')
    expect(verify({ ...request, headers: { host: '127.0.0.1:8080' } })).toEqual({
      keyId: SECRET_ID,
      account: 'acc',
    })
  })

  it('refuses a wrong secret with SignatureMismatch and the server string to sign', () => {
    const request = tencentV2.sign(
      {
        operation: modifyImageAttributes,
        params,
        endpoint: 'http://127.0.0.1:8080',
        variant: 'GET',
      },
      { keyId: SECRET_ID, secret: 'wrong' },
      env,
    )
    const result = verify(request)
    expect(result).toMatchObject({ kind: 'SignatureMismatch' })
    expect((result as Fault).stringToSign).toMatch(
      /^GET127\.0\.0\.1:8080\/v2\/index\.php\?Action=ModifyImageAttributes&/,
    )
  })

  it('refuses a changed business parameter with SignatureMismatch', () => {
    expect(verify(withParam(signed('GET'), 'imageName', 'other'))).toMatchObject({
      kind: 'SignatureMismatch',
    })
  })

  it('refuses a reused nonce with NonceUsed', () => {
    const ctx = context()
    expect(verify(signed('GET'), ctx)).toEqual({ keyId: SECRET_ID, account: 'acc' })
    expect(verify(signed('GET'), ctx)).toMatchObject({ kind: 'NonceUsed' })
  })

  it('refuses an expired timestamp with TimestampExpired in UNIX seconds', () => {
    const later = NOW + 301_000
    expect(verify(signed('GET'), context({ now: () => later }))).toEqual({
      kind: 'TimestampExpired',
      value: String(NOW / 1000),
      now: String(later / 1000),
    })
  })

  it('names the missing or unknown credential', () => {
    expect(verify(withParam(signed('GET'), 'SecretId', undefined))).toMatchObject({
      kind: 'MissingCredential',
    })
    expect(verify(signed('GET'), context({ keys: () => undefined }))).toMatchObject({
      kind: 'UnknownCredential',
    })
  })

  it('calls a request without Signature or Nonce an IncompleteSignature', () => {
    expect(verify(withParam(signed('GET'), 'Signature', undefined))).toMatchObject({
      kind: 'IncompleteSignature',
    })
    expect(verify(withParam(signed('GET'), 'Nonce', undefined))).toMatchObject({
      kind: 'IncompleteSignature',
    })
  })

  it('tells a missing Timestamp from a malformed one', () => {
    expect(verify(withParam(signed('GET'), 'Timestamp', undefined))).toMatchObject({
      kind: 'MissingTimestamp',
    })
    expect(verify(withParam(signed('GET'), 'Timestamp', '2024-01-02'))).toMatchObject({
      kind: 'InvalidTimestamp',
    })
  })

  it('claims only /v2/index.php and refuses methods other than GET and POST', () => {
    expect(tencentV2.claims({ ...signed('GET'), path: '/' })).toBe(false)
    expect(tencentV2.parse({ ...signed('GET'), method: 'PUT' })).toMatchObject({
      kind: 'MethodNotAllowed',
    })
  })
})

describe('tencent-v2 render and readResponse', () => {
  const base = {
    requestId: 'req-1',
    format: 'json',
    host: 'image.api.qcloud.com',
    operation: modifyImageAttributes,
  } as const

  it('renders success with codeDesc for the live profile', () => {
    const response = tencentV2.render({ ok: true, result: {} }, { ...base, profile: 'live' })
    expect(response).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"code":0,"message":"","codeDesc":"Success"}',
    })
  })

  it('renders success exactly as the documented sample for the documented profile', () => {
    const response = tencentV2.render({ ok: true, result: {} }, { ...base, profile: 'documented' })
    expect(JSON.parse(response.body)).toEqual(JSON.parse(modifyImageAttributes.samples[0]!.body))
    expect(response.body).toBe('{"code":0,"message":""}')
  })

  it('renders an error with status 200, an integer code and codeDesc', () => {
    const spec = vendorErrorFor(tencentV2.errors, 'UnknownCredential', modifyImageAttributes)
    const response = tencentV2.render(
      { ok: false, fault: { kind: 'UnknownCredential', value: 'AKIDnope' } },
      { ...base, profile: 'live' },
    )
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({
      code: 4104,
      message: spec.message,
      codeDesc: spec.codeDesc,
    })
  })

  it('fills the message template from the fault', () => {
    const response = tencentV2.render(
      { ok: false, fault: { kind: 'SignatureMismatch', stringToSign: 'GEThost/v2/index.php?a=b' } },
      { ...base, profile: 'live' },
    )
    expect(JSON.parse(response.body)).toMatchInlineSnapshot(`
      {
        "code": 4100,
        "codeDesc": "AuthFailure.SignatureFailure",
        "message": "authentication failed: signature mismatch; server string to sign is: GEThost/v2/index.php?a=b",
      }
    `)
  })

  it('reads code 0 as success and any other code as an error', () => {
    const ok = tencentV2.readResponse(
      { status: 200, headers: {}, body: '{"code":0,"message":"","codeDesc":"Success"}' },
      modifyImageAttributes,
    )
    expect(ok).toEqual({ ok: true, requestId: undefined, result: {} })
    const error = tencentV2.readResponse(
      { status: 200, headers: {}, body: '{"code":4100,"message":"x","codeDesc":"y"}' },
      modifyImageAttributes,
    )
    expect(error).toEqual({
      ok: false,
      requestId: undefined,
      status: 200,
      code: '4100',
      message: 'x',
    })
  })

  it('reads a non-JSON body as UnreadableResponse', () => {
    const result = tencentV2.readResponse(
      { status: 500, headers: {}, body: '<html/>' },
      modifyImageAttributes,
    )
    expect(result).toMatchObject({ ok: false, code: 'UnreadableResponse', status: 500 })
  })
})

it('refuses a Nonce reused with the same Timestamp, and accepts it with another Timestamp', () => {
  const T = Date.parse('2026-11-23T12:00:00Z')
  const demoKeys: KeyRing = (_kind, id) =>
    id === SECRET_ID ? { secret: SECRET, account: 'demo' } : undefined
  const nonces = testNonceStore()
  const signAt = (ms: number) =>
    tencentV2.sign(
      {
        operation: modifyImageAttributes,
        params: { imageId: 'img-12345678' },
        endpoint: 'http://127.0.0.1:9',
      },
      { keyId: SECRET_ID, secret: SECRET },
      { now: () => ms, nonce: () => '4242' },
    )
  const verify = (request: ReturnType<typeof signAt>) =>
    tencentV2.authenticate(tencentV2.parse(request) as never, request, {
      now: () => T,
      keys: demoKeys,
      nonces,
      windowSeconds: 300,
    })
  expect(verify(signAt(T - 5000))).toMatchObject({ account: 'demo' })
  expect(verify(signAt(T))).toMatchObject({ account: 'demo' })
  expect(verify(signAt(T))).toMatchObject({ kind: 'NonceUsed' })
})
