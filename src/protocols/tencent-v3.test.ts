import { describe, expect, it } from 'vitest'
import { type Fault, isFault, modifyImageAttribute, vendorErrorFor } from '../catalog/index.ts'
import { createMemo } from './create-memo.ts'
import { sha256Hex } from './crypto.ts'
import type { AuthContext, KeyRing, Principal, SignEnv, WireRequest } from './protocol.ts'
import { tc3CanonicalRequest, tc3Signature, tc3StringToSign } from './tc3-signature.ts'
import { tencentV3 } from './tencent-v3.ts'
import { testNonceStore } from './test-nonce-store.ts'

const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA'
const SECRET = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA'
const NOW = Date.UTC(2024, 0, 2, 3, 4, 5)
const keys: KeyRing = (_kind, id) =>
  id === SECRET_ID ? { secret: SECRET, account: 'acc' } : undefined
// The key the SDK probes in /tmp/sdkprobe used for their captured requests.
const sdkKeys: KeyRing = (_kind, id) =>
  id === 'AKIDxx' ? { secret: 'SKxx', account: 'sdk' } : undefined
const principal = { keyId: SECRET_ID, account: 'acc' }

function context(overrides: Partial<AuthContext> = {}): AuthContext {
  return { now: () => NOW, keys, nonces: testNonceStore(), windowSeconds: 300, ...overrides }
}

const env: SignEnv = { now: () => NOW, nonce: () => '40856' }
const params = { ImageId: 'img-gvbnzy6f', ImageName: 'MyImage', ImageDescription: 'desc ü' }

function signed(
  variant?: string,
  endpoint = 'http://127.0.0.1:8080',
  secret = SECRET,
): WireRequest {
  const call = {
    operation: modifyImageAttribute,
    params,
    endpoint,
    ...(variant ? { variant } : {}),
  }
  return tencentV3.sign(call, { keyId: SECRET_ID, secret }, env)
}

function verify(request: WireRequest, ctx = context()): Principal | Fault {
  const call = tencentV3.parse(request)
  if (isFault(call)) return call
  return tencentV3.authenticate(call, request, ctx)
}

/** Every parameter a form request carries, from its query (GET) or its form body (POST). */
function received(request: WireRequest): Record<string, string> {
  const text = request.method === 'GET' ? request.query : request.body.toString()
  return Object.fromEntries(new URLSearchParams(text))
}

function withHeader(request: WireRequest, name: string, value: string | undefined): WireRequest {
  const headers = { ...request.headers }
  if (value === undefined) delete headers[name]
  else headers[name] = value
  return { ...request, headers }
}

describe('tencent-v3 official SDK captures (tencentcloud-sdk-nodejs-cvm)', () => {
  const ctx = () => context({ keys: sdkKeys, now: () => 1795464972 * 1000 })
  const tc3Headers = {
    host: '127.0.0.1:41761',
    'x-tc-action': 'ModifyImageAttribute',
    'x-tc-region': 'ap-guangzhou',
    'x-tc-timestamp': '1795464972',
    'x-tc-version': '2017-03-12',
    'x-tc-requestclient': 'SDK_NODEJS_4.1.220',
  }

  it('accepts TC3 POST signed over the host without its port and service "127"', () => {
    const request: WireRequest = {
      method: 'POST',
      path: '/',
      query: '',
      headers: {
        ...tc3Headers,
        'content-type': 'application/json',
        authorization:
          'TC3-HMAC-SHA256 Credential=AKIDxx/2026-11-23/127/tc3_request, SignedHeaders=content-type;host, ' +
          'Signature=5b7d9a3e6c1a4c4ccbe8caf266f6e17bd06db4643343afa2183514eae5a79e2e',
      },
      body: Buffer.from('{"ImageId":"img-123","ImageName":"name","ImageDescription":"desc ü"}'),
    }
    expect(tencentV3.claims(request)).toBe(true)
    expect(tencentV3.parse(request)).toMatchObject({
      action: 'ModifyImageAttribute',
      version: '2017-03-12',
      keyId: 'AKIDxx',
      params: { ImageId: 'img-123', ImageName: 'name', ImageDescription: 'desc ü' },
      scope: { region: 'ap-guangzhou' },
    })
    expect(verify(request, ctx())).toEqual({ keyId: 'AKIDxx', account: 'sdk' })
  })

  it('accepts TC3 GET with the query signed as sent', () => {
    const request: WireRequest = {
      method: 'GET',
      path: '/',
      query: 'ImageId=img-123&ImageName=name&ImageDescription=desc%20%C3%BC',
      headers: {
        ...tc3Headers,
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'TC3-HMAC-SHA256 Credential=AKIDxx/2026-11-23/127/tc3_request, SignedHeaders=content-type;host, ' +
          'Signature=6c7a122844a06e7a2f3c20ee811a5815b9515aeb173ec78f63a6bcc1f7e897d2',
      },
      body: Buffer.alloc(0),
    }
    expect(verify(request, ctx())).toEqual({ keyId: 'AKIDxx', account: 'sdk' })
  })

  it('accepts the HmacSHA256 form POST', () => {
    const request: WireRequest = {
      method: 'POST',
      path: '/',
      query: '',
      headers: { host: '127.0.0.1:41761', 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(
        'ImageId=img-123&ImageName=name&ImageDescription=desc%20%C3%BC&Action=ModifyImageAttribute' +
          '&RequestClient=SDK_NODEJS_4.1.220&Nonce=40856&Timestamp=1795464972&Version=2017-03-12' +
          '&SecretId=AKIDxx&Region=ap-guangzhou&SignatureMethod=HmacSHA256' +
          '&Signature=SGIYSIOnp8XZS1jbBxYXX4tbFQjSJqDTmi0b50J0SRs%3D',
      ),
    }
    expect(tencentV3.claims(request)).toBe(true)
    expect(verify(request, ctx())).toEqual({ keyId: 'AKIDxx', account: 'sdk' })
  })

  it('accepts the HmacSHA1 GET', () => {
    const request: WireRequest = {
      method: 'GET',
      path: '/',
      query:
        'ImageId=img-123&ImageName=name&ImageDescription=desc%20%C3%BC&Action=ModifyImageAttribute' +
        '&RequestClient=SDK_NODEJS_4.1.220&Nonce=30449&Timestamp=1795464972&Version=2017-03-12' +
        '&SecretId=AKIDxx&Region=ap-guangzhou&SignatureMethod=HmacSHA1&Signature=49Yxt03eebWhxNh0lDfk8mW7QIc%3D',
      headers: { host: '127.0.0.1:41761' },
      body: Buffer.alloc(0),
    }
    expect(tencentV3.parse(request)).toMatchObject({
      action: 'ModifyImageAttribute',
      version: '2017-03-12',
      params: { ImageId: 'img-123', ImageName: 'name', ImageDescription: 'desc ü' },
    })
    expect(verify(request, ctx())).toEqual({ keyId: 'AKIDxx', account: 'sdk' })
  })
})

describe('tencent-v3 sign, parse and authenticate', () => {
  it.each(tencentV3.variants)('round-trips the %s variant', (variant) => {
    const request = signed(variant)
    expect(request.path).toBe('/')
    expect(tencentV3.claims(request)).toBe(true)
    expect(tencentV3.parse(request)).toEqual({
      protocol: 'tencent-v3',
      action: 'ModifyImageAttribute',
      version: '2017-03-12',
      params,
      keyId: SECRET_ID,
      format: 'json',
      scope: { region: 'ap-guangzhou' },
      // TC3 carries its Authorization fields (split once), the form variants their parameter set.
      signed: variant.startsWith('TC3')
        ? {
            Credential: expect.stringMatching(/^AKID\w+\/\d{4}-\d\d-\d\d\/cvm\/tc3_request$/),
            SignedHeaders: 'content-type;host',
            Signature: expect.stringMatching(/^[0-9a-f]{64}$/),
          }
        : received(request),
    })
    expect(verify(request)).toEqual(principal)
  })

  it('signs TC3 as a JSON POST over content-type;host with the product as service', () => {
    const request = signed()
    expect(request.method).toBe('POST')
    expect(JSON.parse(request.body.toString())).toEqual(params)
    expect(request.headers).toMatchObject({
      host: '127.0.0.1:8080',
      'content-type': 'application/json; charset=utf-8',
      'x-tc-action': 'ModifyImageAttribute',
      'x-tc-version': '2017-03-12',
      'x-tc-timestamp': String(NOW / 1000),
      'x-tc-region': 'ap-guangzhou',
    })
    expect(request.headers['authorization']).toMatch(
      new RegExp(
        `^TC3-HMAC-SHA256 Credential=${SECRET_ID}/2024-01-02/cvm/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$`,
      ),
    )
  })

  it('accepts the same TC3 request twice, since TC3 has no nonce', () => {
    const ctx = context()
    expect(verify(signed(), ctx)).toEqual(principal)
    expect(verify(signed(), ctx)).toEqual(principal)
    expect(tencentV3.nonceVariants).not.toContain('TC3')
  })

  it('accepts a TC3 signature made over a documented vendor host', () => {
    const request = signed('TC3', 'https://cvm.tencentcloudapi.com')
    expect(verify(withHeader(request, 'host', '127.0.0.1:8080'))).toEqual(principal)
  })

  it('accepts canonical header values signed in lower case, as the doc describes', () => {
    const timestamp = String(NOW / 1000)
    const headers = {
      host: 'cvm.tencentcloudapi.com',
      'content-type': 'Application/JSON',
      'x-tc-action': 'ModifyImageAttribute',
      'x-tc-timestamp': timestamp,
      'x-tc-region': 'ap-guangzhou',
    }
    const body = Buffer.from('{}')
    const canonical = tc3CanonicalRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'x-tc-action': 'modifyimageattribute',
      },
      signedHeaders: ['content-type', 'host', 'x-tc-action'],
      payloadHash: sha256Hex(body),
    })
    const signature = tc3Signature(
      SECRET,
      '2024-01-02',
      'cvm',
      tc3StringToSign(timestamp, '2024-01-02', 'cvm', canonical),
    )
    const authorization = `TC3-HMAC-SHA256 Credential=${SECRET_ID}/2024-01-02/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=${signature}`
    const request: WireRequest = {
      method: 'POST',
      path: '/',
      query: '',
      headers: { ...headers, authorization },
      body,
    }
    expect(verify(request)).toEqual(principal)
  })

  it('refuses a wrong secret with SignatureMismatch', () => {
    expect(verify(signed('TC3', undefined, 'wrong'))).toMatchObject({ kind: 'SignatureMismatch' })
    expect(verify(signed('HmacSHA256', undefined, 'wrong'))).toMatchObject({
      kind: 'SignatureMismatch',
    })
  })

  it('refuses a changed business parameter with SignatureMismatch', () => {
    const request = signed()
    const body = Buffer.from(JSON.stringify({ ...params, ImageName: 'Other' }))
    expect(verify({ ...request, body })).toMatchObject({ kind: 'SignatureMismatch' })
    const get = signed('TC3-GET')
    expect(verify({ ...get, query: get.query.replace('MyImage', 'Other') })).toMatchObject({
      kind: 'SignatureMismatch',
    })
  })

  it('refuses a reused nonce in the HmacSHA1/HmacSHA256 variants with NonceUsed', () => {
    const ctx = context()
    expect(verify(signed('HmacSHA1'), ctx)).toEqual(principal)
    expect(verify(signed('HmacSHA1'), ctx)).toMatchObject({ kind: 'NonceUsed' })
  })

  it('refuses an expired timestamp with TimestampExpired in UNIX seconds', () => {
    const later = NOW + 301_000
    const expected = {
      kind: 'TimestampExpired',
      value: String(NOW / 1000),
      now: String(later / 1000),
    }
    expect(verify(signed(), context({ now: () => later }))).toEqual(expected)
    expect(verify(signed('HmacSHA256'), context({ now: () => later }))).toEqual(expected)
  })

  it('names the missing or unknown credential', () => {
    expect(verify(withHeader(signed(), 'authorization', undefined))).toMatchObject({
      kind: 'MissingCredential',
    })
    expect(verify(signed(), context({ keys: () => undefined }))).toMatchObject({
      kind: 'UnknownCredential',
    })
  })

  it('calls an Authorization without content-type or host in SignedHeaders an IncompleteSignature', () => {
    const request = signed()
    const authorization = request.headers['authorization']!.replace(
      'SignedHeaders=content-type;host',
      'SignedHeaders=host',
    )
    expect(verify(withHeader(request, 'authorization', authorization))).toMatchObject({
      kind: 'IncompleteSignature',
      reason: 'SignedHeaders must include content-type.',
    })
  })

  it('refuses a credential date that is not the UTC date of X-TC-Timestamp', () => {
    const request = signed()
    const authorization = request.headers['authorization']!.replace('/2024-01-02/', '/2024-01-03/')
    expect(verify(withHeader(request, 'authorization', authorization))).toMatchObject({
      kind: 'IncompleteSignature',
    })
  })

  it('refuses another spelling of the right date, with and without a memo, however often', () => {
    const request = signed()
    const memo = createMemo()
    expect(verify(request, context({ memo }))).toEqual(principal)
    for (const date of ['2024-1-2', '2024-01-2', '+02024-01-02', '2024-01-02T00', '2024-01-01']) {
      const authorization = request.headers['authorization']!.replace('/2024-01-02/', `/${date}/`)
      for (const ctx of [context(), context({ memo }), context({ memo })]) {
        expect(
          verify(withHeader(request, 'authorization', authorization), ctx),
          date,
        ).toMatchObject({
          kind: 'IncompleteSignature',
          reason: `The credential date ${date} is not the UTC date of X-TC-Timestamp ${request.headers['x-tc-timestamp']} (2024-01-02).`,
        })
      }
    }
    expect(verify(request, context({ memo }))).toEqual(principal)
    expect(verify(request, context())).toEqual(principal)
  })

  it('tells a missing X-TC-Timestamp from a malformed one', () => {
    expect(verify(withHeader(signed(), 'x-tc-timestamp', undefined))).toMatchObject({
      kind: 'MissingTimestamp',
    })
    expect(verify(withHeader(signed(), 'x-tc-timestamp', 'soon'))).toMatchObject({
      kind: 'InvalidTimestamp',
    })
  })

  it('requires a region', () => {
    expect(tencentV3.parse(withHeader(signed(), 'x-tc-region', undefined))).toEqual({
      kind: 'MissingParameter',
      param: 'Region',
    })
    const form = signed('HmacSHA1')
    expect(
      tencentV3.parse({ ...form, query: form.query.replace(/&Region=[^&]*/, '') }),
    ).toMatchObject({
      kind: 'MissingParameter',
      param: 'Region',
    })
  })

  it('refuses a TC3 body that is not a JSON object in UTF-8 with MalformedBody', () => {
    const request = signed()
    for (const body of ['{"ImageId":', '[1,2]', 'null', '']) {
      expect(tencentV3.parse({ ...request, body: Buffer.from(body) })).toMatchObject({
        kind: 'MalformedBody',
      })
    }
    expect(tencentV3.parse({ ...request, body: Buffer.from([0x7b, 0xff, 0x7d]) })).toMatchObject({
      kind: 'MalformedBody',
    })
  })

  it('refuses HmacSHA1/HmacSHA256 parameters with a JSON body', () => {
    const request = signed('HmacSHA1')
    const json = {
      ...request,
      method: 'POST',
      headers: { ...request.headers, 'content-type': 'application/json' },
      body: Buffer.from('{}'),
    }
    expect(verify(json)).toMatchObject({ kind: 'UnsupportedSignatureMethod' })
  })

  it('claims TC3 headers and SecretId+Action parameters at / only', () => {
    const bare = { method: 'GET', path: '/', query: '', headers: {}, body: Buffer.alloc(0) }
    expect(tencentV3.claims({ ...bare, headers: { 'x-tc-action': 'X' } })).toBe(true)
    expect(
      tencentV3.claims({ ...bare, headers: { authorization: 'TC3-HMAC-SHA256 Credential=a' } }),
    ).toBe(true)
    expect(tencentV3.claims({ ...bare, query: 'Action=X&SecretId=Y' })).toBe(true)
    expect(tencentV3.claims({ ...bare, query: 'Action=X&AccessKeyId=Y' })).toBe(false)
    expect(tencentV3.claims({ ...bare, path: '/v2/index.php', query: 'Action=X&SecretId=Y' })).toBe(
      false,
    )
  })
})

describe('tencent-v3 render and readResponse', () => {
  const base = {
    requestId: 'req-1',
    format: 'json',
    host: 'cvm.tencentcloudapi.com',
    operation: modifyImageAttribute,
  } as const

  it('renders success as Response.RequestId with status 200', () => {
    expect(tencentV3.render({ ok: true, result: {} }, { ...base, profile: 'live' })).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"Response":{"RequestId":"req-1"}}',
    })
  })

  it('renders an error in Response.Error with status 200', () => {
    const spec = vendorErrorFor(tencentV3.errors, 'MissingParameter', modifyImageAttribute)
    const response = tencentV3.render(
      { ok: false, fault: { kind: 'MissingParameter', param: 'Region' } },
      { ...base, profile: 'live' },
    )
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({
      Response: {
        Error: {
          Code: spec.code,
          Message: 'The request is missing a required parameter `Region`.',
        },
        RequestId: 'req-1',
      },
    })
  })

  it('reads Response.Error as an error and anything else as success', () => {
    const error = tencentV3.readResponse(
      {
        status: 200,
        headers: {},
        body: '{"Response":{"Error":{"Code":"X","Message":"m"},"RequestId":"r"}}',
      },
      modifyImageAttribute,
    )
    expect(error).toEqual({ ok: false, requestId: 'r', status: 200, code: 'X', message: 'm' })
    const ok = tencentV3.readResponse(
      { status: 200, headers: {}, body: '{"Response":{"RequestId":"r-ok"}}' },
      modifyImageAttribute,
    )
    expect(ok).toEqual({ ok: true, requestId: 'r-ok', result: {} })
  })

  it('reads a body without Response as UnreadableResponse', () => {
    const result = tencentV3.readResponse(
      { status: 200, headers: {}, body: '{}' },
      modifyImageAttribute,
    )
    expect(result).toMatchObject({ ok: false, code: 'UnreadableResponse' })
  })
})
