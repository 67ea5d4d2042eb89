import { operations } from '../catalog/index.ts'
import { DEFAULT_CREDENTIALS, type FaultInjection } from '../simulator/index.ts'
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
}: BannerOptions): string {
  const { alibaba, tencent, huawei } = DEFAULT_CREDENTIALS
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
          `    Alibaba  AccessKeyId ${alibaba.accessKeyId}  AccessKeySecret ${alibaba.accessKeySecret}`,
          `    Tencent  SecretId ${tencent.secretId}  SecretKey ${tencent.secretKey}`,
          `    Huawei   X-Auth-Token ${huawei.token}  AK ${huawei.ak}  SK ${huawei.sk}  project ${huawei.project}`,
        ]),
    '',
    ...renderLimits(rateLimits),
    ...renderFaults(faults),
    '',
    '  point the SDKs at it:',
    `    @alicloud/pop-core         new RPCClient({ endpoint: '${url}', apiVersion: '2017-03-21', ... })`,
    `    @alicloud/openapi-client   new Config({ endpoint: '${hostPort}', protocol: '${scheme}', ... })`,
    `    tencentcloud-sdk-nodejs    profile: { httpProfile: { endpoint: '${hostPort}', protocol: '${scheme}://' } }`,
    `    qcloudapi-sdk              new QcloudApi({ host: '${hostPort}', protocol: '${scheme}', ... })`,
    `    huaweicloud-sdk-core       new ClientBuilder(...).withEndpoint('${url}')`,
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

/** The rate limits in force: the catalogue's, overridden by `--rate-limit`. */
function renderLimits(overrides: Partial<Record<string, number>>): string[] {
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
