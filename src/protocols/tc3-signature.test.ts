import { describe, expect, it } from 'vitest'
import { createMemo } from './create-memo.ts'
import { sha256Hex } from './crypto.ts'
import {
  readTc3Authorization,
  readTc3Fields,
  readTc3KeyId,
  tc3CanonicalRequest,
  tc3Signature,
  tc3StringToSign,
} from './tc3-signature.ts'

describe('tencent-v3 TC3 golden vector (protocols.md §6)', () => {
  const payload =
    '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
  const canonical = tc3CanonicalRequest({
    method: 'POST',
    path: '/',
    query: '',
    headers: { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' },
    signedHeaders: ['content-type', 'host'],
    payloadHash: sha256Hex(payload),
  })
  const stringToSign = tc3StringToSign('1551113065', '2019-02-25', 'cvm', canonical)

  it('hashes the documented payload', () => {
    expect(sha256Hex(payload)).toBe(
      '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    )
  })

  it('builds the documented canonical request', () => {
    expect(canonical).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n' +
        'content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    )
    expect(sha256Hex(canonical)).toBe(
      '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    )
  })

  it('builds the documented string to sign', () => {
    expect(stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n' +
        '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    )
  })

  it('signs with the documented example key', () => {
    expect(
      tc3Signature('Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', '2019-02-25', 'cvm', stringToSign),
    ).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168')
  })

  it('signs with the literal masked key of the doc page', () => {
    expect(
      tc3Signature('Gu5t9xGARNpq86cd98joQYCN3*******', '2019-02-25', 'cvm', stringToSign),
    ).toBe('2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c')
  })
})

describe('readTc3Authorization', () => {
  const header = (credential: string, signedHeaders = 'Content-Type; host', signature = 'AB12') =>
    `TC3-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signedHeaders}, Signature=${signature}`

  it('reads the scope, the signed headers (trimmed, lower-case) and the signature (lower-case)', () => {
    expect(readTc3Authorization(header('AKID1/2019-02-25/cvm/tc3_request'))).toEqual({
      keyId: 'AKID1',
      date: '2019-02-25',
      service: 'cvm',
      signedHeaders: ['content-type', 'host'],
      signature: 'ab12',
    })
  })

  it('refuses a scope without its four parts or its terminator, however often it is seen', () => {
    for (const credential of [
      'AKID1/2019-02-25/cvm',
      'AKID1/2019-02-25/cvm/other',
      'AKID1/2019-02-25/cvm/tc3_request/extra',
      '/2019-02-25/cvm/tc3_request',
    ]) {
      expect(readTc3Authorization(header(credential)), credential).toBeUndefined()
      expect(readTc3Authorization(header(credential)), credential).toBeUndefined()
    }
    expect(readTc3Authorization('TC3-HMAC-SHA256 Credential=a/b/c/tc3_request')).toBeUndefined()
  })

  it('refuses the same bad scopes when remembered in a memo', () => {
    const memo = createMemo()
    for (const credential of ['AKID1/2019-02-25/cvm', 'AKID1/2019-02-25/cvm/tc3_request/extra']) {
      expect(readTc3Authorization(header(credential), memo), credential).toBeUndefined()
      expect(readTc3Authorization(header(credential), memo), credential).toBeUndefined()
    }
  })

  it('reads each of many distinct credentials right (past the table of remembered ones)', () => {
    const memo = createMemo()
    for (let n = 0; n < 1000; n++) {
      for (const auth of [
        readTc3Authorization(header(`AKID${n}/2019-02-25/svc${n % 7}/tc3_request`)),
        readTc3Authorization(header(`AKID${n}/2019-02-25/svc${n % 7}/tc3_request`), memo),
      ]) {
        expect(auth?.keyId).toBe(`AKID${n}`)
        expect(auth?.service).toBe(`svc${n % 7}`)
      }
    }
  })
})

it('readTc3KeyId claims the key id exactly when readTc3Fields reads the scope', () => {
  for (const credential of [
    'AKID1/2019-02-25/cvm/tc3_request',
    'A/b/c/tc3_request',
    'AKID1/2019-02-25/cvm',
    'AKID1/2019-02-25/cvm/other',
    'AKID1/2019-02-25/cvm/tc3_request/extra',
    'AKID1/2019-02-25/cvm/x/tc3_request',
    '/2019-02-25/cvm/tc3_request',
    'AKID1//cvm/tc3_request',
    'AKID1/2019-02-25//tc3_request',
    'AKID1/2019-02-25/cvm/tc3_requestx',
    'AKID1/2019-02-25/cvmtc3_request',
    'tc3_request',
    '/tc3_request',
    '//tc3_request',
    '///tc3_request',
  ]) {
    const fields = { Credential: credential, SignedHeaders: 'host', Signature: 'ab' }
    expect(readTc3KeyId(fields), credential).toBe(readTc3Fields(fields)?.keyId)
  }
  expect(readTc3KeyId({ Credential: 'A/b/c/tc3_request', Signature: 'ab' })).toBeUndefined()
})

describe('what readTc3Fields remembers lives in the memo it is given', () => {
  const fields = (signedHeaders: string) => ({
    Credential: 'AKID1/2019-02-25/cvm/tc3_request',
    SignedHeaders: signedHeaders,
    Signature: 'ab12',
  })

  it('one memo answers a repeated value with what it read the first time, another memo reads its own', () => {
    const [one, other] = [createMemo(), createMemo()]
    const first = readTc3Fields(fields('content-type;host'), one)!.signedHeaders
    expect(readTc3Fields(fields('content-type;host'), one)!.signedHeaders).toBe(first)
    const others = readTc3Fields(fields('content-type;host'), other)!.signedHeaders
    expect(others).toEqual(first)
    expect(others).not.toBe(first)
  })

  it("filling one memo's bounded table does not evict what another memo remembers", () => {
    const [one, other] = [createMemo(), createMemo()]
    const kept = readTc3Fields(fields('content-type;host'), other)!.signedHeaders
    for (let n = 0; n < 1000; n++) readTc3Fields(fields(`content-type;host;x-${n}`), one)
    expect(readTc3Fields(fields('content-type;host'), other)!.signedHeaders).toBe(kept)
  })

  it('without a memo nothing is remembered', () => {
    const first = readTc3Fields(fields('content-type;host'))!.signedHeaders
    expect(readTc3Fields(fields('content-type;host'))!.signedHeaders).not.toBe(first)
  })
})
