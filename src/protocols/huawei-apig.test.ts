import { createHash, createHmac } from 'node:crypto'
import { expect, it } from 'vitest'
import { type Fault, fault, modifyImage } from '../catalog/index.ts'
import { apigCanonicalRequest, apigStringToSign } from './apig-signature.ts'
import { huaweiApig } from './huawei-apig.ts'
import type { AuthContext, KeyRing, RenderContext, WireRequest } from './protocol.ts'
import { testNonceStore } from './test-nonce-store.ts'

const PROJECT = '0123456789abcdef0123456789abcdef'
const NOW = Date.parse('2026-11-23T20:16:12Z')
const PARAMS = { path: 'https://bucket.obs.myhuaweicloud.com/image/test1.jpg', tags: { k: 'v ü' } }

const keys: KeyRing = (kind, id) =>
  kind === 'huawei-aksk' && id === 'testHuaweiAK'
    ? { secret: 'testHuaweiSK', account: 'acc', project: PROJECT }
    : kind === 'huawei-token' && id === 'test-x-auth-token'
      ? { account: 'acc', project: PROJECT }
      : undefined

function context(now = NOW, ring: KeyRing = keys): AuthContext {
  return {
    now: () => now,
    keys: ring,
    nonces: testNonceStore(),
    windowSeconds: huaweiApig.windowSeconds,
  }
}

function signed(
  options: {
    variant?: string
    secret?: string
    keyId?: string
    now?: number
    instance?: string
  } = {},
): WireRequest {
  return huaweiApig.sign(
    {
      operation: modifyImage,
      params: PARAMS,
      endpoint: 'http://127.0.0.1:45615',
      pathParams: { instance_name: options.instance ?? 'inst' },
      ...(options.variant === undefined ? {} : { variant: options.variant }),
    },
    {
      keyId: options.keyId ?? (options.variant === 'TOKEN' ? 'test-x-auth-token' : 'testHuaweiAK'),
      secret: options.secret ?? 'testHuaweiSK',
      project: PROJECT,
    },
    { now: () => options.now ?? NOW, nonce: () => 'unused' },
  )
}

/** parse then authenticate, as the pipeline does. */
function verify(request: WireRequest, ctx = context()) {
  const call = huaweiApig.parse(request)
  if ('kind' in call) return call
  return huaweiApig.authenticate(call, request, ctx)
}

function kindOf(result: unknown): string | undefined {
  return (result as Partial<Fault>).kind
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

function renderContext(): RenderContext {
  return {
    requestId: 'req-1',
    profile: 'live',
    format: 'json',
    host: '127.0.0.1',
    operation: modifyImage,
  }
}

// The request @huaweicloud/huaweicloud-sdk-core 3.1.211 sent (/tmp/sdkprobe/captures/huawei.txt,
// probe hw.js: AK `AKxx`, SK `SKxx`, project `proj123`).
const captured: WireRequest = {
  method: 'PUT',
  path: '/v1/proj123/inst/image',
  query: '',
  headers: {
    accept: 'application/json',
    'content-type': 'application/json',
    'user-agent': 'huaweicloud-usdk-nodejs/3.0; os/linux nodejs/v20.20.2',
    'x-project-id': 'proj123',
    'x-sdk-date': '20261123T201612Z',
    host: '127.0.0.1:45615',
    authorization:
      'SDK-HMAC-SHA256 Access=AKxx, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=07e44dff6b07e07030bd55fee624af400d9b0d593d4affa66dd4f2663eaaab9f',
    'content-length': '38',
  },
  body: Buffer.from('{"path":"a/b.jpg","tags":{"k":"v ü"}}'),
}
const sdkKeys: KeyRing = (kind, id) =>
  kind === 'huawei-aksk' && id === 'AKxx'
    ? { secret: 'SKxx', account: 'probe', project: 'proj123' }
    : undefined

it('reproduces the Signature the official Node SDK sent', () => {
  const canonical = apigCanonicalRequest(captured, [
    'content-type',
    'host',
    'x-project-id',
    'x-sdk-date',
  ])
  const stringToSign = apigStringToSign('20261123T201612Z', canonical)
  expect(createHmac('sha256', 'SKxx').update(stringToSign).digest('hex')).toBe(
    '07e44dff6b07e07030bd55fee624af400d9b0d593d4affa66dd4f2663eaaab9f',
  )
})

it('accepts the request the official Node SDK sent', () => {
  expect(verify(captured, context(NOW, sdkKeys))).toEqual({
    keyId: 'AKxx',
    account: 'probe',
    project: 'proj123',
  })
})

it('signs as the spec steps computed by hand with node:crypto', () => {
  const request = signed()
  const body = JSON.stringify(PARAMS)
  const canonical = [
    'PUT',
    `/v1/${PROJECT}/inst/image/`,
    '',
    `content-type:application/json\nhost:127.0.0.1:45615\nx-project-id:${PROJECT}\nx-sdk-date:20261123T201612Z\n`,
    'content-type;host;x-project-id;x-sdk-date',
    sha256(body),
  ].join('\n')
  const stringToSign = `SDK-HMAC-SHA256\n20261123T201612Z\n${sha256(canonical)}`
  const signature = createHmac('sha256', 'testHuaweiSK').update(stringToSign).digest('hex')
  expect(request.body.toString()).toBe(body)
  expect(request.headers).toEqual({
    'content-type': 'application/json',
    host: '127.0.0.1:45615',
    'x-project-id': PROJECT,
    'x-sdk-date': '20261123T201612Z',
    authorization: `SDK-HMAC-SHA256 Access=testHuaweiAK, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=${signature}`,
  })
})

it('round-trips an AK/SK signed request through parse and authenticate', () => {
  const request = signed()
  expect(huaweiApig.claims(request)).toBe(true)
  expect(huaweiApig.parse(request)).toEqual({
    protocol: 'huawei-apig',
    action: 'ModifyImage',
    version: 'v1',
    params: PARAMS,
    keyId: 'testHuaweiAK',
    format: 'json',
    scope: { project_id: PROJECT, instance_name: 'inst' },
    signed: {},
  })
  expect(verify(request)).toEqual({ keyId: 'testHuaweiAK', account: 'acc', project: PROJECT })
})

it('round-trips an X-Auth-Token request through parse and authenticate', () => {
  const request = signed({ variant: 'TOKEN' })
  expect(request.headers['x-auth-token']).toBe('test-x-auth-token')
  expect(request.headers['authorization']).toBeUndefined()
  expect(verify(request)).toEqual({ keyId: 'test-x-auth-token', account: 'acc', project: PROJECT })
})

it('refuses a request signed with the wrong SK as SignatureMismatch', () => {
  expect(kindOf(verify(signed({ secret: 'wrongSK' })))).toBe('SignatureMismatch')
})

it('refuses a request whose body changed after signing as SignatureMismatch', () => {
  const request = signed()
  const changed = {
    ...request,
    body: Buffer.from(JSON.stringify({ ...PARAMS, tags: { k: 'other' } })),
  }
  expect(kindOf(verify(changed))).toBe('SignatureMismatch')
})

it('refuses a request whose path changed after signing as SignatureMismatch', () => {
  const request = signed()
  expect(kindOf(verify({ ...request, path: `/v1/${PROJECT}/other/image` }))).toBe(
    'SignatureMismatch',
  )
})

it('refuses an X-Sdk-Date more than 15 minutes old as TimestampExpired', () => {
  const request = signed({ now: NOW - 16 * 60 * 1000 })
  const result = verify(request)
  expect(result).toEqual(
    fault('TimestampExpired', { value: '20261123T200012Z', now: '20261123T201612Z' }),
  )
})

it('accepts an X-Sdk-Date 14 minutes off either way', () => {
  expect(kindOf(verify(signed({ now: NOW - 14 * 60 * 1000 })))).toBeUndefined()
  expect(kindOf(verify(signed({ now: NOW + 14 * 60 * 1000 })))).toBeUndefined()
})

it('accepts an identical request sent twice in the same second', () => {
  const ctx = context()
  const request = signed()
  expect(kindOf(verify(request, ctx))).toBeUndefined()
  expect(kindOf(verify(request, ctx))).toBeUndefined()
})

it('refuses an unknown AK as UnknownCredential naming the AK', () => {
  const result = verify(signed({ keyId: 'nobody' }))
  expect(result).toEqual(
    fault('UnknownCredential', { value: 'nobody', reason: 'ak nobody not exist' }),
  )
  const response = huaweiApig.render({ ok: false, fault: result as Fault }, renderContext())
  expect(JSON.parse(response.body).error_msg).toBe(
    'Incorrect IAM authentication information: ak nobody not exist',
  )
})

it('refuses an unknown token as UnknownCredential without echoing it', () => {
  const result = verify(signed({ variant: 'TOKEN', keyId: 'secret-token-value' }))
  expect(result).toEqual(fault('UnknownCredential', { reason: 'token verification failed' }))
  const response = huaweiApig.render({ ok: false, fault: result as Fault }, renderContext())
  expect(response.status).toBe(401)
  expect(response.body).not.toContain('secret-token-value')
  expect(JSON.parse(response.body).error_msg).toBe(
    'Incorrect IAM authentication information: token verification failed',
  )
})

it('refuses an empty token as MissingCredential', () => {
  expect(kindOf(verify(signed({ variant: 'TOKEN', keyId: '' })))).toBe('MissingCredential')
})

it('refuses a request with neither X-Auth-Token nor Authorization as MissingCredential', () => {
  const { authorization: _, ...headers } = signed().headers
  expect(kindOf(verify({ ...signed(), headers }))).toBe('MissingCredential')
})

it('refuses a missing or malformed X-Sdk-Date', () => {
  const request = signed()
  const { 'x-sdk-date': _, ...withoutDate } = request.headers
  expect(kindOf(verify({ ...request, headers: withoutDate }))).toBe('MissingTimestamp')
  const badDate = { ...request.headers, 'x-sdk-date': '2026-11-23T20:16:12Z' }
  expect(verify({ ...request, headers: badDate })).toEqual(
    fault('InvalidTimestamp', {
      value: '2026-11-23T20:16:12Z',
      reason: 'X-Sdk-Date is not YYYYMMDDTHHMMSSZ',
    }),
  )
  const noSuchDay = { ...request.headers, 'x-sdk-date': '20261132T201612Z' }
  expect(kindOf(verify({ ...request, headers: noSuchDay }))).toBe('InvalidTimestamp')
})

it('refuses SignedHeaders without host as IncompleteSignature', () => {
  const request = signed()
  const authorization = request.headers['authorization']!.replace(
    'content-type;host;',
    'content-type;',
  )
  expect(kindOf(verify({ ...request, headers: { ...request.headers, authorization } }))).toBe(
    'IncompleteSignature',
  )
})

it('refuses another signing algorithm as UnsupportedSignatureMethod', () => {
  const request = signed()
  const authorization = request.headers['authorization']!.replace(
    'SDK-HMAC-SHA256',
    'V11-HMAC-SHA256',
  )
  expect(verify({ ...request, headers: { ...request.headers, authorization } })).toEqual(
    fault('UnsupportedSignatureMethod', { value: 'V11-HMAC-SHA256' }),
  )
})

it('reads the Authorization fields whatever the spacing around commas', () => {
  const request = signed()
  const authorization = request.headers['authorization']!.replaceAll(', ', ' ,  ')
  expect(
    kindOf(verify({ ...request, headers: { ...request.headers, authorization } })),
  ).toBeUndefined()
})

it('refuses a path project other than the credential project as Forbidden', () => {
  const request = huaweiApig.sign(
    {
      operation: modifyImage,
      params: PARAMS,
      endpoint: 'http://127.0.0.1:45615',
      pathParams: { project_id: 'another', instance_name: 'inst' },
    },
    { keyId: 'testHuaweiAK', secret: 'testHuaweiSK' },
    { now: () => NOW, nonce: () => 'unused' },
  )
  expect(request.path).toBe('/v1/another/inst/image')
  expect(kindOf(verify(request))).toBe('Forbidden')
})

it('leaves the body out of the signature given X-Sdk-Content-Sha256 UNSIGNED-PAYLOAD', () => {
  const headers: Record<string, string> = {
    ...signed().headers,
    'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD',
  }
  const request: WireRequest = { ...signed(), headers }
  const signedHeaders = [
    'content-type',
    'host',
    'x-project-id',
    'x-sdk-content-sha256',
    'x-sdk-date',
  ]
  const stringToSign = apigStringToSign(
    headers['x-sdk-date']!,
    apigCanonicalRequest(request, signedHeaders),
  )
  const signature = createHmac('sha256', 'testHuaweiSK').update(stringToSign).digest('hex')
  const authorization = `SDK-HMAC-SHA256 Access=testHuaweiAK, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`
  const changed = {
    ...request,
    headers: { ...headers, authorization },
    body: Buffer.from('{"path":"x","tags":{}}'),
  }
  expect(kindOf(verify(changed))).toBeUndefined()
})

it('accepts a path the Node SDK signed with its segments encoded twice', () => {
  const request = signed({ instance: 'my inst' })
  expect(request.path).toBe(`/v1/${PROJECT}/my%20inst/image`)
  expect(kindOf(verify(request))).toBeUndefined()
  const signedHeaders = ['content-type', 'host', 'x-project-id', 'x-sdk-date']
  const canonical = apigCanonicalRequest(
    request,
    signedHeaders,
    `/v1/${PROJECT}/my%2520inst/image/`,
  )
  const signature = createHmac('sha256', 'testHuaweiSK')
    .update(apigStringToSign(request.headers['x-sdk-date']!, canonical))
    .digest('hex')
  const authorization = `SDK-HMAC-SHA256 Access=testHuaweiAK, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`
  expect(verify({ ...request, headers: { ...request.headers, authorization } })).toEqual({
    keyId: 'testHuaweiAK',
    account: 'acc',
    project: PROJECT,
  })
})

const base = signed()

it('claims every /v1/ path and nothing else', () => {
  expect(huaweiApig.claims({ ...base, path: '/v1/p/service' })).toBe(true)
  expect(huaweiApig.claims({ ...base, path: '/' })).toBe(false)
  expect(huaweiApig.claims({ ...base, path: '/v2/p/inst/image' })).toBe(false)
})

it('parses the image path with a trailing slash', () => {
  const call = huaweiApig.parse({ ...base, path: `/v1/${PROJECT}/inst/image/` })
  expect(call).toMatchObject({
    action: 'ModifyImage',
    scope: { project_id: PROJECT, instance_name: 'inst' },
  })
})

it('percent-decodes the project_id and instance_name path values', () => {
  const call = huaweiApig.parse({ ...base, path: '/v1/p/my%20inst/image' })
  expect(call).toMatchObject({ scope: { project_id: 'p', instance_name: 'my inst' } })
})

it('refuses another method on the image path as MethodNotAllowed', () => {
  expect(kindOf(huaweiApig.parse({ ...base, method: 'POST' }))).toBe('MethodNotAllowed')
})

it('refuses an unknown /v1/ path as UnknownAction naming the method and path', () => {
  expect(huaweiApig.parse({ ...base, method: 'POST', path: '/v1/p/inst/image/search' })).toEqual(
    fault('UnknownAction', { reason: 'No API matches POST /v1/p/inst/image/search.' }),
  )
})

it('refuses a body that is not a JSON object as MalformedBody', () => {
  for (const body of ['{"path":', '[1]', '"text"', '', '\u00ff']) {
    const raw = body === '\u00ff' ? Buffer.from([0xff, 0xfe]) : Buffer.from(body)
    expect(kindOf(huaweiApig.parse({ ...base, body: raw }))).toBe('MalformedBody')
  }
})

it('renders success as 200 {"result":"Success"} with the request id header', () => {
  expect(huaweiApig.render({ ok: true, result: {} }, renderContext())).toEqual({
    status: 200,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'x-request-id': 'req-1' },
    body: '{"result":"Success"}',
  })
})

it('renders a missing path as the documented 400 IS.0003 body', () => {
  const response = huaweiApig.render(
    { ok: false, fault: fault('MissingParameter', { param: 'path' }) },
    renderContext(),
  )
  expect(response.status).toBe(400)
  expect(response.headers['x-request-id']).toBe('req-1')
  expect(JSON.parse(response.body)).toEqual({
    error_code: 'IS.0003',
    error_msg: 'Arguments of path can not be null.',
  })
})

it('renders a signature mismatch as the gateway 401 APIGW.0301 with request_id', () => {
  const response = huaweiApig.render(
    { ok: false, fault: fault('SignatureMismatch') },
    renderContext(),
  )
  expect(response.status).toBe(401)
  expect(response.headers['content-type']).toBe('application/json;charset=UTF-8')
  expect(JSON.parse(response.body)).toEqual({
    error_code: 'APIGW.0301',
    error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
    request_id: 'req-1',
  })
})

it('renders an unknown path as the gateway 404 APIGW.0101', () => {
  const response = huaweiApig.render(
    { ok: false, fault: fault('UnknownAction', { reason: 'No API matches GET /v1/x.' }) },
    { ...renderContext(), operation: undefined },
  )
  expect(response.status).toBe(404)
  expect(JSON.parse(response.body)).toMatchObject({
    error_code: 'APIGW.0101',
    request_id: 'req-1',
  })
})

it('reads a success response and its X-Request-Id header', () => {
  const response = huaweiApig.render({ ok: true, result: {} }, renderContext())
  expect(huaweiApig.readResponse(response, modifyImage)).toEqual({
    ok: true,
    requestId: 'req-1',
    result: {},
  })
})

it('reads error_code, error_msg and the status of an error response', () => {
  const response = huaweiApig.render(
    { ok: false, fault: fault('MissingParameter', { param: 'path' }) },
    renderContext(),
  )
  expect(huaweiApig.readResponse(response, modifyImage)).toEqual({
    ok: false,
    requestId: 'req-1',
    status: 400,
    code: 'IS.0003',
    message: 'Arguments of path can not be null.',
  })
})

it('reports a body that is not JSON as UnreadableResponse', () => {
  const parsed = huaweiApig.readResponse({ status: 502, headers: {}, body: '<html/>' }, modifyImage)
  expect(parsed).toMatchObject({ ok: false, status: 502, code: 'UnreadableResponse' })
})
