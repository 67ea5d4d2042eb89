import { BrokerError, UnreachableError } from '../errors.ts'

// The Pact Broker's HAL API, as documented (https://docs.pact.io/pact_broker/advanced_topics/provider_verification_results,
// https://github.com/pact-foundation/pact_broker/wiki/Provider-pacts-for-verification):
// GET / → `pb:provider-pacts-for-verification` (templated `{provider}`), POST it the selectors →
// `_embedded.pacts[]` (`_links.self`, `verificationProperties.pending`), GET each pact; results are
// POSTed to the pact's `pb:publish-verification-results`, and the provider version's branch is
// recorded first, as Pact's own verifier does: the pact's `pb:provider`, then a PUT to its
// `pb:branch-version` (templated `{branch}`, `{version}`).

export type BrokerOptions = {
  url: string
  /** Bearer token (PactFlow; never printed). */
  token?: string
  /** Basic auth, as a self-hosted Broker is usually set up (never printed). */
  username?: string
  password?: string
  /** Consumer version selectors, as the Broker documents them (`{"mainBranch":true}`, `{"deployedOrReleased":true}`, …). */
  consumerVersionSelectors?: Record<string, unknown>[]
  /** Pending pacts: a failure of one the provider never verified does not fail the build. */
  enablePending?: boolean
  /** Work-in-progress pacts since this date (ISO 8601); they are pending. */
  includeWipPactsSince?: string
  providerVersion?: string
  providerBranch?: string
  publish?: boolean
}

/** A pact the Broker selected for verification, with why, and where its result goes. */
export type BrokerPact = {
  url: string
  description: string
  pending: boolean
  notices: string[]
  content: Record<string, unknown>
}

type Hal = { _links?: Record<string, { href?: string } | { href?: string }[]> } & Record<
  string,
  unknown
>

/** Asks the Broker which pacts the provider must verify, and fetches each. */
export async function fetchPactsForVerification(
  broker: BrokerOptions,
  provider: string,
): Promise<BrokerPact[]> {
  const index = await call(broker, 'GET', broker.url, 'read the Pact Broker index')
  const forVerification = expand(link(index, 'pb:provider-pacts-for-verification', broker.url), {
    provider,
  })
  const body = {
    consumerVersionSelectors: broker.consumerVersionSelectors ?? [],
    includePendingStatus: broker.enablePending === true,
    ...(broker.includeWipPactsSince ? { includeWipPactsSince: broker.includeWipPactsSince } : {}),
    ...(broker.providerBranch ? { providerVersionBranch: broker.providerBranch } : {}),
    providerVersionTags: [],
  }
  const answer = await call(
    broker,
    'POST',
    forVerification,
    'fetch the pacts for verification from',
    body,
  )
  const pacts = (answer['_embedded'] as { pacts?: unknown[] } | undefined)?.pacts
  if (!Array.isArray(pacts))
    throw new BrokerError(
      'fetch the pacts for verification from',
      forVerification,
      'the answer has no _embedded.pacts list',
    )
  const out: BrokerPact[] = []
  for (const entry of pacts as Hal[]) {
    const url = link(entry, 'self', forVerification)
    const properties = (entry['verificationProperties'] ?? {}) as {
      pending?: boolean
      notices?: { text?: string }[]
    }
    out.push({
      url,
      description: String(entry['shortDescription'] ?? url),
      pending: properties.pending === true,
      notices: (properties.notices ?? []).map((n) => String(n.text ?? '')).filter(Boolean),
      content: await call(broker, 'GET', url, 'fetch the pact'),
    })
  }
  return out
}

/** Fetches one pact by URL (`--pact-url`, as a Broker webhook passes it). */
export async function fetchPact(
  broker: Pick<BrokerOptions, 'token' | 'username' | 'password'>,
  url: string,
): Promise<Record<string, unknown>> {
  return call({ url, ...broker }, 'GET', url, 'fetch the pact')
}

/** One interaction's verdict, as the Broker's verification results carry it. */
export type TestResult = {
  interactionDescription: string
  success: boolean
  mismatches?: unknown[]
}

/**
 * Publishes a verification result to the pact's `pb:publish-verification-results` link, after
 * recording the provider version's branch when one is given. Returns where it went.
 */
export async function publishResult(
  broker: BrokerOptions,
  pact: Record<string, unknown>,
  result: {
    success: boolean
    testResults: TestResult[]
    verifiedBy: { implementation: string; version: string }
  },
): Promise<string> {
  const version = broker.providerVersion
  if (!version) throw new BrokerError('publish results to', broker.url, 'give --provider-version')
  const from = (pact as Hal)._links?.['self'] ? link(pact as Hal, 'self', broker.url) : broker.url
  if (broker.providerBranch) {
    // As Pact's own verifier does: the pact's provider, then its branch version.
    const providerUrl = link(pact as Hal, 'pb:provider', from)
    const pacticipant = await call(broker, 'GET', providerUrl, 'read the provider from')
    const branchVersion = expand(link(pacticipant, 'pb:branch-version', providerUrl), {
      branch: broker.providerBranch,
      version,
    })
    await call(broker, 'PUT', branchVersion, 'record the provider branch at', {})
  }
  const target = link(pact as Hal, 'pb:publish-verification-results', from)
  await call(broker, 'POST', target, 'publish verification results to', {
    success: result.success,
    providerApplicationVersion: version,
    verifiedBy: result.verifiedBy,
    testResults: result.testResults,
  })
  return target
}

function link(resource: Hal, name: string, from: string): string {
  const found = resource._links?.[name]
  const href = Array.isArray(found) ? found[0]?.href : found?.href
  if (!href)
    throw new BrokerError(
      'follow a link from',
      from,
      `the answer has no "${name}" link (is this a Pact Broker?)`,
    )
  return new URL(href, from).toString()
}

function expand(template: string, values: Record<string, string>): string {
  return template.replace(/%7B(\w+)%7D|\{(\w+)\}/g, (whole, a?: string, b?: string) => {
    const value = values[(a ?? b)!]
    return value === undefined ? whole : encodeURIComponent(value)
  })
}

async function call(
  broker: Pick<BrokerOptions, 'url' | 'token' | 'username' | 'password'>,
  method: string,
  url: string,
  action: string,
  body?: unknown,
): Promise<Hal> {
  let response: Response
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: 'application/hal+json, application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...authorization(broker),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    })
  } catch (error) {
    throw new UnreachableError('the Pact Broker', url, error, 'check --broker-url / --pact-url')
  }
  const text = await response.text()
  if (!response.ok)
    throw new BrokerError(action, url, `HTTP ${response.status}: ${text.slice(0, 200)}`)
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text) as Hal
  } catch {
    throw new BrokerError(action, url, `the answer is not JSON: ${text.slice(0, 120)}`)
  }
}

/** The Authorization header: the token when there is one, else basic auth, else none. */
function authorization(
  broker: Pick<BrokerOptions, 'token' | 'username' | 'password'>,
): Record<string, string> {
  if (broker.token) return { authorization: `Bearer ${broker.token}` }
  if (broker.username === undefined) return {}
  const pair = `${broker.username}:${broker.password ?? ''}`
  return { authorization: `Basic ${Buffer.from(pair).toString('base64')}` }
}
