import { describe, expect, it } from 'vitest'
import { sha256Hex } from './crypto.ts'
import { tc3CanonicalRequest, tc3Signature, tc3StringToSign } from './tc3-signature.ts'

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
