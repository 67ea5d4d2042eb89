import type { CredentialDeclaration } from './protocol.ts'

/** The Tencent Cloud SecretId/SecretKey pair both Tencent schemes (API 2.0 and 3.0) sign with. */
export const tencentCredential: CredentialDeclaration = {
  kind: 'tencent',
  label: 'Tencent',
  names: { id: 'SecretId', secret: 'SecretKey' },
  secretKeyId: false,
  env: {
    id: ['TAPEDECK_TENCENT_SECRET_ID', 'TENCENTCLOUD_SECRET_ID'],
    secret: ['TAPEDECK_TENCENT_SECRET_KEY', 'TENCENTCLOUD_SECRET_KEY'],
  },
  flags: { id: 'tencent-secret-id', secret: 'tencent-secret-key' },
}

/** A Tencent SecretId's shape, for the leak scan. */
export const TENCENT_KEY_SHAPE = {
  name: 'Tencent SecretId (AKID…)',
  pattern: /AKID[0-9A-Za-z]{13,40}/,
}
