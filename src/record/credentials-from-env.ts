import type { CredentialKind, SigningCredentials } from '../protocols/index.ts'

/**
 * The upstream credentials the recorder re-signs with, read from the environment (never from flags,
 * so they stay out of shell history and process lists). `TAPEDECK_*` names first, then the vendors'
 * own SDK variable names.
 */
const VARIABLES: Record<
  Exclude<CredentialKind, 'huawei-token'>,
  { id: readonly string[]; secret: readonly string[]; project?: readonly string[] }
> = {
  alibaba: {
    id: ['TAPEDECK_ALIBABA_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_ID'],
    secret: ['TAPEDECK_ALIBABA_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
  },
  tencent: {
    id: ['TAPEDECK_TENCENT_SECRET_ID', 'TENCENTCLOUD_SECRET_ID'],
    secret: ['TAPEDECK_TENCENT_SECRET_KEY', 'TENCENTCLOUD_SECRET_KEY'],
  },
  'huawei-aksk': {
    id: ['TAPEDECK_HUAWEI_AK', 'HUAWEICLOUD_SDK_AK'],
    secret: ['TAPEDECK_HUAWEI_SK', 'HUAWEICLOUD_SDK_SK'],
    project: ['TAPEDECK_HUAWEI_PROJECT', 'HUAWEICLOUD_SDK_PROJECT_ID'],
  },
}

/** Names of every variable read, for help text. */
export const CREDENTIAL_VARIABLES = Object.values(VARIABLES).flatMap((v) => [
  v.id[0]!,
  v.secret[0]!,
  ...(v.project ? [v.project[0]!] : []),
])

/** Reads the credentials present in `env`; a kind is absent unless both its id and secret are set. */
export function credentialsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Partial<Record<CredentialKind, SigningCredentials>> {
  const first = (names: readonly string[]) => names.map((name) => env[name]).find(Boolean)
  const out: Partial<Record<CredentialKind, SigningCredentials>> = {}
  for (const [kind, names] of Object.entries(VARIABLES)) {
    const keyId = first(names.id)
    const secret = first(names.secret)
    const project = names.project ? first(names.project) : undefined
    if (keyId && secret)
      out[kind as CredentialKind] = { keyId, secret, ...(project ? { project } : {}) }
  }
  return out
}

/** Every secret value among the credentials (the leak scan's list). */
export function secretsOf(
  credentials: Partial<Record<CredentialKind, SigningCredentials>>,
): string[] {
  return Object.values(credentials).flatMap((c) => [c.keyId, ...(c.secret ? [c.secret] : [])])
}
