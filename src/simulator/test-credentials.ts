import type { SigningCredentials } from '../protocols/index.ts'
import { DEFAULT_CREDENTIALS } from './default-seed.ts'

/** The credential kinds the built-in state holds (the built-in schemes' declarations name them). */
export type BuiltInCredentialKind = 'alibaba' | 'tencent' | 'huawei-aksk' | 'huawei-token'

/** The built-in test credentials, by kind, for a client talking to `tapedeck serve` on defaults. */
export function testCredentials(): Record<BuiltInCredentialKind, SigningCredentials> {
  const { alibaba, tencent, huawei } = DEFAULT_CREDENTIALS
  return {
    alibaba: { keyId: alibaba.accessKeyId, secret: alibaba.accessKeySecret },
    tencent: { keyId: tencent.secretId, secret: tencent.secretKey },
    'huawei-aksk': { keyId: huawei.ak, secret: huawei.sk, project: huawei.project },
    'huawei-token': { keyId: huawei.token, project: huawei.project },
  }
}
