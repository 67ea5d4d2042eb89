import {
  builtInRegistry,
  type CredentialDeclaration,
  type CredentialSet,
  credentialsOf,
  type Registry,
  schemesInOrder,
} from '../protocols/index.ts'
import { type FaultInjection, testCredentials } from '../simulator/index.ts'
import { renderTlsHint, type TlsSource } from '../tls/index.ts'
import { ADMIN_PREFIX, ADMIN_ROUTES } from './admin-api.ts'

export type BannerOptions = {
  url: string
  auth: 'on' | 'off'
  profile: string
  seedSource: string | undefined
  /** Whether the admin API requires a token (the token itself is never printed). */
  adminToken?: boolean
  /** With TLS: the generated CA's path, or the certificate file given. */
  tls?: TlsSource
  /** `--rate-limit` overrides of the catalogue's limits, calls/s by operation id (0 turns one off). */
  rateLimits?: Partial<Record<string, number>>
  /** The fault injection in force at start (from the seed or `--fault`). */
  faults?: FaultInjection | undefined
  /** The schemes and operations served; the built-in ones by default. */
  registry?: Registry
  /** The credentials a client can sign with on the built-in state, by kind. */
  credentials?: CredentialSet
}

/** The admin resources, each once, in route order: `health,state,reset,…` (the page has its own line). */
const ADMIN_RESOURCES = [...new Set(ADMIN_ROUTES.map((route) => route.split(' ')[1]))]
  .filter(Boolean)
  .join(',')

/** The start-up banner: where to send requests, with which credentials, and how to point each SDK. */
export function renderBanner({
  url,
  auth,
  profile,
  seedSource,
  adminToken,
  tls,
  rateLimits = {},
  faults,
  registry = builtInRegistry,
  credentials = testCredentials(),
}: BannerOptions): string {
  const { operations } = registry
  const shown = { protocols: schemesInOrder(registry), operations }
  const scheme = url.startsWith('https:') ? 'https' : 'http'
  const hostPort = url.replace(/^https?:\/\//, '')
  const lines = [
    `tapedeck simulator listening on ${url}`,
    `  state: ${seedSource ?? 'built-in defaults'} · response profile: ${profile} · signatures: ${auth === 'on' ? 'checked' : 'NOT CHECKED'}`,
    ...(tls ? renderTlsHint(tls, `${url}${ADMIN_PREFIX}health`) : []),
    '',
    '  operations:',
    ...operations.map(
      (op) =>
        `    ${op.id.padEnd(40)} ${op.http ? `${op.http.method} ${op.http.path}` : op.protocol}`,
    ),
    '',
    ...(seedSource
      ? ['  credentials: from the seed file']
      : [
          '  credentials (built-in test keys):',
          ...credentialsOf(shown).flatMap((declared) =>
            renderCredential(declared, credentials[declared.kind]),
          ),
        ]),
    '',
    ...renderLimits(operations, rateLimits),
    ...renderFaults(faults),
    '',
    '  point the SDKs at it:',
    ...shown.protocols
      .flatMap((protocol) => protocol.sdkHints?.({ url, hostPort, scheme }) ?? [])
      .map((hint) => `    ${hint}`),
    '',
    `  admin: ${url}${ADMIN_PREFIX}{${ADMIN_RESOURCES}}${adminToken ? ' (requires the admin token: Authorization: Bearer <token>)' : ''}`,
    `  Pact state-change URL: ${url}${ADMIN_PREFIX}provider-states (pact verifier --state-change-url)`,
    `  inspector: ${url}${ADMIN_PREFIX} (live requests, why each failed, state, faults, coverage)`,
  ]
  if (auth === 'off') {
    lines.push(
      '',
      '  !! --auth off: requests are NOT signature-checked; unsigned requests act as the first account.',
      "  !! Use this for curl only; your client's signing is not being tested.",
    )
  }
  return lines.join('\n')
}

/** One credential line: who issues it, then each part under the vendor's name for it. */
function renderCredential(
  declared: CredentialDeclaration,
  credential: { keyId: string; secret?: string; project?: string } | undefined,
): string[] {
  if (!credential) return []
  const { names } = declared
  const parts = [
    `${names.id} ${credential.keyId}`,
    ...(names.secret && credential.secret ? [`${names.secret} ${credential.secret}`] : []),
    ...(names.project && credential.project ? [`${names.project} ${credential.project}`] : []),
  ]
  return [`    ${declared.label.padEnd(8)} ${parts.join('  ')}`]
}

/** The rate limits in force: the catalogue's, overridden by `--rate-limit`. */
function renderLimits(
  operations: Registry['operations'],
  overrides: Partial<Record<string, number>>,
): string[] {
  const limits = operations.flatMap((op) => {
    const limit = overrides[op.id] ?? op.rateLimit
    return limit ? [`${op.id} ${limit}/s`] : []
  })
  return [`  rate limits (per account): ${limits.length ? limits.join(', ') : 'none'}`]
}

/** The injected faults in force, one line per operation id (or `*`); nothing when there are none. */
function renderFaults(faults: FaultInjection | undefined): string[] {
  const rules = Object.entries(faults?.operations ?? {})
  if (!faults || rules.length === 0) return []
  return [
    `  faults injected (seed ${faults.seed}):`,
    ...rules.map(
      ([id, rule]) =>
        `    ${id.padEnd(40)} ${
          Object.entries(rule)
            .map(([key, value]) => `${key}=${value}`)
            .join(', ') || 'nothing'
        }`,
    ),
  ]
}
