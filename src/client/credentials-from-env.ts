import {
  builtInRegistry,
  type CredentialSet,
  credentialsOf,
  type Registry,
} from '../protocols/index.ts'

/**
 * The environment variables that carry signing credentials, as each scheme declares them: tapedeck's
 * own name first, then the vendor SDK's. Kinds declared without variables (a token) are left out.
 */
export function credentialVariables(registry: Registry = builtInRegistry) {
  return credentialsOf(registry).flatMap(({ kind, env }) => (env ? [{ kind, env }] : []))
}

/** The first name of every variable read, for help text. */
export function credentialVariableNames(registry: Registry = builtInRegistry): string[] {
  return credentialVariables(registry).flatMap(({ env }) => [
    env.id[0]!,
    env.secret[0]!,
    ...(env.project ? [env.project[0]!] : []),
  ])
}

/**
 * Reads the credentials present in `env` (the recorder re-signs with these; never from flags, so
 * they stay out of shell history and process lists); a kind is absent unless both id and secret are set.
 */
export function credentialsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  registry: Registry = builtInRegistry,
): CredentialSet {
  const first = (names: readonly string[]) => names.map((name) => env[name]).find(Boolean)
  const out: CredentialSet = {}
  for (const { kind, env: names } of credentialVariables(registry)) {
    const keyId = first(names.id)
    const secret = first(names.secret)
    const project = names.project ? first(names.project) : undefined
    if (keyId && secret) out[kind] = { keyId, secret, ...(project ? { project } : {}) }
  }
  return out
}

/** Every secret value among the credentials (the leak scan's list). */
export function secretsOf(credentials: CredentialSet): string[] {
  return Object.values(credentials).flatMap((c) =>
    c ? [c.keyId, ...(c.secret ? [c.secret] : [])] : [],
  )
}

/**
 * The `TAPEDECK_*` variables for a set of credentials (what a conformance client is started with):
 * every declared variable is set, empty for a kind the set lacks.
 */
export function credentialsToEnv(
  credentials: CredentialSet,
  registry: Registry = builtInRegistry,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const { kind, env } of credentialVariables(registry)) {
    const c = credentials[kind]
    out[env.id[0]!] = c?.keyId ?? ''
    out[env.secret[0]!] = c?.secret ?? ''
    if (env.project) out[env.project[0]!] = c?.project ?? ''
  }
  return out
}
