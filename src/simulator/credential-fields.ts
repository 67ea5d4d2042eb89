import type { SimulatorState } from './state-schema.ts'

/**
 * Each credential list of the state with the field that names a credential and the one that is
 * its secret (an IAM token is both): what `GET /__tapedeck/state` masks and `PUT` restores.
 */
export const CREDENTIAL_FIELDS = {
  alibaba: { id: 'accessKeyId', secret: 'accessKeySecret' },
  tencent: { id: 'secretId', secret: 'secretKey' },
  huaweiAksk: { id: 'ak', secret: 'sk' },
  huaweiTokens: { id: 'token', secret: 'token' },
} as const satisfies Record<keyof SimulatorState['credentials'], { id: string; secret: string }>
