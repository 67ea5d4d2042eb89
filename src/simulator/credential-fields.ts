import type { SimulatorState } from './state-schema.ts'

/**
 * Each credential list of the state with the field that names a credential and those that are
 * secret (an IAM token is both its name and its secret; an STS security token is a secret too): what `GET /__tapedeck/state` masks and `PUT` restores.
 */
export const CREDENTIAL_FIELDS = {
  alibaba: { id: 'accessKeyId', secrets: ['accessKeySecret', 'securityToken'] },
  tencent: { id: 'secretId', secrets: ['secretKey'] },
  huaweiAksk: { id: 'ak', secrets: ['sk'] },
  huaweiTokens: { id: 'token', secrets: ['token'] },
} as const satisfies Record<
  keyof SimulatorState['credentials'],
  { id: string; secrets: readonly string[] }
>
