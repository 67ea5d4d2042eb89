import type { CredentialKind, SigningCredentials } from '../protocols/index.ts'

/**
 * The environment variables that carry signing credentials, by kind: tapedeck's own name first,
 * then the vendors' SDK names. The one table the recorder, `verify` and the conformance runner read.
 */
export const CREDENTIAL_ENV: Record<
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
export const CREDENTIAL_VARIABLES = Object.values(CREDENTIAL_ENV).flatMap((v) => [
  v.id[0]!,
  v.secret[0]!,
  ...(v.project ? [v.project[0]!] : []),
])

/**
 * Reads the credentials present in `env` (the recorder re-signs with these; never from flags, so
 * they stay out of shell history and process lists); a kind is absent unless both id and secret are set.
 */
export function credentialsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Partial<Record<CredentialKind, SigningCredentials>> {
  const first = (names: readonly string[]) => names.map((name) => env[name]).find(Boolean)
  const out: Partial<Record<CredentialKind, SigningCredentials>> = {}
  for (const [kind, names] of Object.entries(CREDENTIAL_ENV)) {
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

/** The `TAPEDECK_*` variables for a set of credentials (what a conformance client is started with). */
export function credentialsToEnv(
  credentials: Record<
    keyof typeof CREDENTIAL_ENV,
    { keyId: string; secret?: string | undefined; project?: string | undefined }
  >,
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [kind, names] of Object.entries(CREDENTIAL_ENV)) {
    const c = credentials[kind as keyof typeof CREDENTIAL_ENV]
    env[names.id[0]!] = c.keyId
    env[names.secret[0]!] = c.secret ?? ''
    if (names.project) env[names.project[0]!] = c.project ?? ''
  }
  return env
}
