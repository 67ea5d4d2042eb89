import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect, it } from 'vitest'
import { fault, isFault, updateImageInfos, updateMediaInfo } from '../catalog/index.ts'
import { alibabaRpc } from './alibaba-rpc.ts'
import { v1StringToSign } from './alibaba-signature.ts'
import { hmac } from './crypto.ts'
import type { WireRequest } from './protocol.ts'
import { testNonceStore } from './test-nonce-store.ts'

const T0 = Date.parse('2017-10-10T12:02:54Z')
const keys = (_kind: string, id: string) =>
  id === 'testAccessKeyId' ? { secret: 'testAccessKeySecret', account: 'demo' } : undefined
const ctx = () => ({ now: () => T0, keys, nonces: testNonceStore(), windowSeconds: 900 })
const get = (query: string, headers: Record<string, string> = {}): WireRequest => ({
  method: 'GET',
  path: '/',
  query,
  headers: { host: 'vod.cn-shanghai.aliyuncs.com', ...headers },
  body: Buffer.alloc(0),
})

// protocols.md §1.3, from the VOD "Signature method" doc.
const GOLDEN = {
  AccessKeyId: 'testAccessKeyId',
  Action: 'GetVideoPlayAuth',
  Format: 'JSON',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '8f8a035d-6496-4268-afd4-67c22837e38d',
  SignatureVersion: '1.0',
  Timestamp: '2017-10-10T12:02:54Z',
  Version: '2017-03-21',
  VideoId: '5aed81b74ba84920be578cdfe004af4b',
}

it('computes the documented v1 golden signature', () => {
  const signature = hmac('sha1', 'testAccessKeySecret&', v1StringToSign('GET', GOLDEN)).toString(
    'base64',
  )
  expect(signature).toBe('Ibgh7y8Vp47LBuAsf5Xhi1SvDss=')
})

it('accepts the golden request over the wire, its signature URL-encoded in the query', () => {
  const query = `${new URLSearchParams(GOLDEN)}&Signature=${encodeURIComponent('Ibgh7y8Vp47LBuAsf5Xhi1SvDss=')}`
  const request = get(query)
  const call = alibabaRpc.parse(request)
  expect(call).toMatchObject({
    action: 'GetVideoPlayAuth',
    version: '2017-03-21',
    format: 'json',
    keyId: 'testAccessKeyId',
  })
  expect(alibabaRpc.authenticate(call as never, request, ctx())).toEqual({
    keyId: 'testAccessKeyId',
    account: 'demo',
  })
})

it('defaults to XML for v1 without Format, and reads lower-case json', () => {
  expect(alibabaRpc.parse(get('Action=UpdateImageInfos'))).toMatchObject({ format: 'xml' })
  expect(alibabaRpc.parse(get('Action=UpdateImageInfos&Format=json'))).toMatchObject({
    format: 'json',
  })
  expect(alibabaRpc.parse(get('Action=UpdateImageInfos&Format=YAML'))).toMatchObject({
    kind: 'InvalidParameter',
    param: 'Format',
  })
})

it('merges the query and a form body, and refuses a parameter given twice', () => {
  const post = (query: string, body: string): WireRequest => ({
    ...get(query),
    method: 'POST',
    headers: { host: 'h', 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.from(body),
  })
  expect(alibabaRpc.parse(post('Action=UpdateImageInfos', 'UpdateContent=%5B%5D'))).toMatchObject({
    params: { UpdateContent: '[]' },
  })
  expect(alibabaRpc.parse(post('Action=A', 'Action=B'))).toMatchObject({
    kind: 'InvalidParameter',
    param: 'Action',
  })
})

it('refuses broken percent-encoding and invalid UTF-8', () => {
  expect(alibabaRpc.parse(get('Action=UpdateImageInfos&Title=%E4%B8'))).toMatchObject({
    kind: 'MalformedBody',
  })
  expect(alibabaRpc.parse(get('Action=UpdateImageInfos&Title=%zz'))).toMatchObject({
    kind: 'MalformedBody',
  })
})

it('accepts the doc sample\'s "Hmac-SHA1" spelling and refuses other methods', () => {
  const signedWith = (method: string) => {
    const params = { ...GOLDEN, SignatureMethod: method }
    const signature = hmac('sha1', 'testAccessKeySecret&', v1StringToSign('GET', params)).toString(
      'base64',
    )
    const request = get(`${new URLSearchParams({ ...params, Signature: signature })}`)
    return alibabaRpc.authenticate(alibabaRpc.parse(request) as never, request, ctx())
  }
  expect(signedWith('Hmac-SHA1')).toMatchObject({ account: 'demo' })
  expect(signedWith('HMAC-SHA256')).toMatchObject({ kind: 'UnsupportedSignatureMethod' })
})

it('names the server string to sign in a signature mismatch', () => {
  const request = get(`${new URLSearchParams({ ...GOLDEN, Signature: 'AAAA' })}`)
  const outcome = alibabaRpc.authenticate(alibabaRpc.parse(request) as never, request, ctx())
  expect(outcome).toMatchObject({
    kind: 'SignatureMismatch',
    stringToSign: v1StringToSign('GET', GOLDEN),
  })
})

it('renders errors non-2xx with Code, in JSON and in XML', () => {
  const context = {
    requestId: 'R1',
    profile: 'live',
    host: 'vod.cn-shanghai.aliyuncs.com',
    operation: updateImageInfos,
  } as const
  const json = alibabaRpc.render(
    { ok: false, fault: fault('CountExceeded', { param: 'UpdateContent', max: '20' }) },
    { ...context, format: 'json' },
  )
  expect(json.status).toBe(400)
  expect(JSON.parse(json.body)).toEqual({
    RequestId: 'R1',
    HostId: 'vod.cn-shanghai.aliyuncs.com',
    Code: 'CountExceededMax',
    Message: 'The number of items in "UpdateContent" exceeds the maximum of 20.',
    Recommend: 'https://api.aliyun.com/troubleshoot?q=CountExceededMax&product=vod&requestId=R1',
  })
  const xml = alibabaRpc.render(
    { ok: false, fault: fault('UnknownCredential') },
    { ...context, format: 'xml' },
  )
  expect(xml).toMatchObject({ status: 404, headers: { 'content-type': 'text/xml;charset=utf-8' } })
  expect(xml.body).toMatch(
    /^<\?xml version="1.0" encoding="UTF-8"\?><Error><RequestId>R1<\/RequestId><HostId>.*<Code>InvalidAccessKeyId.NotFound<\/Code>/,
  )
})

it('renders XML envelopes that parse back to what was echoed, markup and control characters included', () => {
  const context = { requestId: 'R1', profile: 'live', host: 'h', format: 'xml' } as const
  const id = `a"<&>'\x01\x1b[0m`
  const ok = alibabaRpc.render(
    { ok: true, result: { NonExistImageIds: [id, 'b'] } },
    { ...context, operation: updateImageInfos },
  )
  const error = alibabaRpc.render(
    { ok: false, fault: fault('NotFound', { reason: `MediaId "${id}" is not registered.` }) },
    { ...context, operation: updateMediaInfo },
  )
  for (const { body } of [ok, error]) expect(XMLValidator.validate(body)).toBe(true)
  // U+FFFD where XML 1.0 cannot hold a character; the SDK's reader gets the rest exactly.
  const shown = `a"<&>'\ufffd\ufffd[0m`
  expect(alibabaRpc.readResponse(ok, updateImageInfos)).toMatchObject({
    ok: true,
    result: { NonExistImageIds: [shown, 'b'] },
  })
  expect(new XMLParser().parse(error.body).Error.Message).toBe(
    `Resource not found. MediaId "${shown}" is not registered.`,
  )
  expect(ok.body).toContain('<ImageId>a&quot;&lt;&amp;&gt;&apos;\ufffd\ufffd[0m</ImageId>')
})

it("renders the IMS not-found error from the operation's override (404 ResourceNotFound)", () => {
  const response = alibabaRpc.render(
    { ok: false, fault: fault('NotFound', { reason: 'MediaId "x" is not registered.' }) },
    { requestId: 'R', profile: 'live', host: 'h', operation: updateMediaInfo, format: 'json' },
  )
  expect(response.status).toBe(404)
  expect(JSON.parse(response.body)).toMatchObject({
    Code: 'ResourceNotFound',
    Message: 'Resource not found. MediaId "x" is not registered.',
  })
})

it('reads both list shapes and both formats back into plain lists', () => {
  const read = (body: string, type = 'application/json') =>
    alibabaRpc.readResponse(
      { status: 200, headers: { 'content-type': type }, body },
      updateImageInfos,
    )
  expect(read('{"RequestId":"r","NonExistImageIds":{"ImageId":["a","b"]}}')).toMatchObject({
    ok: true,
    result: { NonExistImageIds: ['a', 'b'] },
  })
  expect(read('{"RequestId":"r","NonExistImageIds":["a"]}')).toMatchObject({
    ok: true,
    result: { NonExistImageIds: ['a'] },
  })
  expect(read(updateImageInfos.samples[0]!.body, 'text/xml')).toMatchObject({
    ok: true,
    requestId: '25818875-5F78-4A*****F6-D7393642CA58',
    result: { NonExistImageIds: ['f45cf4eba5c8*****0233389558c39'] },
  })
})

it('signs ACS3 requests that it then verifies, and refuses a missing signed header', () => {
  const request = alibabaRpc.sign(
    {
      operation: updateImageInfos,
      params: { UpdateContent: '[{"ImageId":"a"}]' },
      endpoint: 'http://127.0.0.1:9',
      variant: 'ACS3',
    },
    { keyId: 'testAccessKeyId', secret: 'testAccessKeySecret' },
    { now: () => T0, nonce: () => 'n1' },
  )
  expect(request.headers['authorization']).toMatch(
    /^ACS3-HMAC-SHA256 Credential=testAccessKeyId,SignedHeaders=host;x-acs-action;/,
  )
  const call = alibabaRpc.parse(request)
  expect(isFault(call)).toBe(false)
  expect(alibabaRpc.authenticate(call as never, request, ctx())).toMatchObject({ account: 'demo' })
  const weaker = {
    ...request,
    headers: {
      ...request.headers,
      authorization: request.headers['authorization']!.replace('x-acs-date;', ''),
    },
  }
  expect(alibabaRpc.authenticate(call as never, weaker, ctx())).toMatchObject({
    kind: 'IncompleteSignature',
  })
})
