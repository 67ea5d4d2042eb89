import { describe, expect, it } from 'vitest'
import { v1Signature, v1StringToSign } from './tencent-hmac-signature.ts'

const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA'
const SECRET = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA'

describe('tencent-v2 golden vectors (protocols.md §5.3)', () => {
  const doc = {
    Action: 'DescribeInstances',
    Nonce: '11886',
    Region: 'gz',
    SecretId: SECRET_ID,
    Timestamp: '1465185768',
    'instanceIds.0': 'ins-09dx96dg',
    limit: '20',
    offset: '0',
  }
  const sdk = {
    SecretId: 'secretIdFoo',
    Region: 'ap-guangzhou',
    SignatureMethod: 'HmacSHA1',
    Nonce: '1290303896666895346',
    Timestamp: '1512393162',
    Action: 'DescribeInstances',
    Version: '2017-03-12',
  }
  const host = 'cvm.api.qcloud.com'

  it('signs the documented GET with HmacSHA256', () => {
    const text = v1StringToSign('GET', host, '/v2/index.php', {
      ...doc,
      SignatureMethod: 'HmacSHA256',
    })
    expect(v1Signature(SECRET, text, 'HmacSHA256')).toBe(
      'PSWUwVv4TfW2sQP1FT9KbbLjIZ9bmK8f1cL6fbpf3KI=',
    )
  })

  it('signs the documented GET with HmacSHA1 when SignatureMethod is absent', () => {
    const text = v1StringToSign('GET', host, '/v2/index.php', doc)
    expect(text).toBe(
      'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=11886&Region=gz' +
        `&SecretId=${SECRET_ID}&Timestamp=1465185768&instanceIds.0=ins-09dx96dg&limit=20&offset=0`,
    )
    expect(v1Signature(SECRET, text)).toBe('NSI3UqqD99b/UJb4tbG/xZpRW64=')
  })

  it('matches the qcloudapi-sdk-python POST, lower-case post and GET HmacSHA1 vectors', () => {
    expect(v1Signature('secretKeyBar', v1StringToSign('POST', host, '/v2/index.php', sdk))).toBe(
      'p3n+pxBqF5JGZtDSxoVn5tGngf0=',
    )
    expect(v1Signature('secretKeyBar', v1StringToSign('post', host, '/v2/index.php', sdk))).toBe(
      'p3n+pxBqF5JGZtDSxoVn5tGngf0=',
    )
    expect(v1Signature('secretKeyBar', v1StringToSign('GET', host, '/v2/index.php', sdk))).toBe(
      '5HAq1BOKNLEE2/uauWnp6Zv9Z3c=',
    )
  })

  it('matches the qcloudapi-sdk-python POST HmacSHA256 vector', () => {
    const text = v1StringToSign('POST', host, '/v2/index.php', {
      ...sdk,
      SignatureMethod: 'HmacSHA256',
    })
    expect(v1Signature('secretKeyBar', text, 'HmacSHA256')).toBe(
      'B2T37FRSP6Fk0/q/cdfrTE0p3zX5ooB/2BPWZUFpsj4=',
    )
  })

  it('spells "_" in parameter names as "." and leaves the Signature out', () => {
    const text = v1StringToSign('GET', 'h', '/v2/index.php', { instanceIds_0: 'a', Signature: 'x' })
    expect(text).toBe('GETh/v2/index.php?instanceIds.0=a')
  })
})
