import type { CredentialKind, SigningCredentials } from '../protocols/index.ts'
import { DEFAULT_CREDENTIALS } from '../simulator/index.ts'

/** The built-in test credentials, by kind, for a client talking to `tapedeck serve` on defaults. */
export function testCredentials(): Record<CredentialKind, SigningCredentials> {
  const { alibaba, tencent, huawei } = DEFAULT_CREDENTIALS
  return {
    alibaba: { keyId: alibaba.accessKeyId, secret: alibaba.accessKeySecret },
    tencent: { keyId: tencent.secretId, secret: tencent.secretKey },
    'huawei-aksk': { keyId: huawei.ak, secret: huawei.sk, project: huawei.project },
    'huawei-token': { keyId: huawei.token, project: huawei.project },
  }
}
