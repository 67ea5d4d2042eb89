import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local stand-in for a Pact Broker, NOT a Broker: it speaks only the part of the Broker's
 * documented HAL API that provider verification uses, for tests on a machine where a real Broker
 * cannot be installed:
 * - `GET /` (index) with `pb:provider-pacts-for-verification`;
 * - `GET|POST /pacts/provider/{provider}/for-verification` ("pacts for verification": selectors
 *   `mainBranch`, `branch`, `consumer`, `deployedOrReleased`, `latest`; `includePendingStatus`;
 *   `includeWipPactsSince`);
 * - `GET /pacts/provider/{p}/consumer/{c}/pact-version/{sha}` with `pb:publish-verification-results`
 *   and `pb:provider`; `GET /pacticipants/{p}` with `pb:branch-version`;
 * - `POST …/verification-results` and `PUT /pacticipants/{p}/branches/{b}/versions/{v}`.
 * https://docs.pact.io/pact_broker/advanced_topics/pacts_for_verification
 */
export type StandInPact = {
  content: { consumer: { name: string }; provider: { name: string } } & Record<string, unknown>
  consumerVersion: string
  branch: string
  deployedOrReleased?: boolean
  /** Never verified by the provider: pending when the verifier asks for pending status. */
  neverVerified?: boolean
  /** Published after a `includeWipPactsSince` date and matched by no selector: work in progress. */
  wip?: boolean
}

export type Recorded = { method: string; path: string; authorization?: string; body?: unknown }

/** `authorization`: the exact Authorization header every request must carry (401 otherwise). */
export async function startBrokerStandIn(pacts: StandInPact[], authorization?: string) {
  const received: Recorded[] = []
  const results: { pact: string; body: Record<string, unknown> }[] = []
  const branches: string[] = []
  const sha = (p: StandInPact) =>
    createHash('sha1').update(JSON.stringify(p.content)).update(p.consumerVersion).digest('hex')
  const pactPath = (p: StandInPact) =>
    `/pacts/provider/${encodeURIComponent(p.content.provider.name)}/consumer/${encodeURIComponent(p.content.consumer.name)}/pact-version/${sha(p)}`
  let base = ''

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString()
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined
    const path = decodeURIComponent(new URL(req.url ?? '/', base).pathname)
    received.push({
      method: req.method!,
      path,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(body === undefined ? {} : { body }),
    })
    if (authorization && req.headers.authorization !== authorization)
      return hal(res, 401, { error: 'unauthorized' })
    answer(req, res, path, body)
  })

  function answer(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    body: Record<string, unknown> | undefined,
  ) {
    if (req.method === 'GET' && path === '/')
      return hal(res, 200, {
        _links: {
          'pb:provider-pacts-for-verification': {
            href: `${base}/pacts/provider/{provider}/for-verification`,
            templated: true,
          },
        },
      })
    const forVerification = path.match(/^\/pacts\/provider\/([^/]+)\/for-verification$/)
    if (forVerification && req.method === 'GET')
      return hal(res, 200, { _links: { self: { href: `${base}${req.url}` } } })
    if (forVerification && req.method === 'POST')
      return hal(res, 200, select(forVerification[1]!, body ?? {}))
    const pact = pacts.find((p) => pactPath(p) === path)
    if (pact && req.method === 'GET')
      return hal(res, 200, {
        ...pact.content,
        _links: {
          self: { href: `${base}${pactPath(pact)}` },
          'pb:publish-verification-results': {
            href: `${base}${pactPath(pact)}/verification-results`,
          },
          'pb:provider': {
            href: `${base}/pacticipants/${encodeURIComponent(pact.content.provider.name)}`,
          },
        },
      })
    const pacticipant = path.match(/^\/pacticipants\/([^/]+)$/)
    if (pacticipant && req.method === 'GET')
      return hal(res, 200, {
        name: pacticipant[1],
        _links: {
          self: { href: `${base}${req.url}` },
          'pb:branch-version': {
            href: `${base}/pacticipants/${encodeURIComponent(pacticipant[1]!)}/branches/{branch}/versions/{version}`,
            templated: true,
          },
        },
      })
    const publication = pacts.find((p) => `${pactPath(p)}/verification-results` === path)
    if (publication && req.method === 'POST') {
      if (typeof body?.['success'] !== 'boolean' || !body['providerApplicationVersion'])
        return hal(res, 400, {
          errors: { success: ['required'], providerApplicationVersion: ['required'] },
        })
      results.push({ pact: `${base}${pactPath(publication)}`, body })
      return hal(res, 201, { ...body, _links: { self: { href: `${base}${path}/1` } } })
    }
    const branch = path.match(/^\/pacticipants\/([^/]+)\/branches\/([^/]+)\/versions\/([^/]+)$/)
    if (branch && req.method === 'PUT') {
      branches.push(`${branch[1]}@${branch[2]}=${branch[3]}`)
      return hal(res, 201, { _links: { self: { href: `${base}${path}` } } })
    }
    return hal(res, 404, { error: `no route ${req.method} ${path}` })
  }

  function select(provider: string, request: Record<string, unknown>) {
    const selectors = (request['consumerVersionSelectors'] ?? []) as Record<string, unknown>[]
    const pending = request['includePendingStatus'] === true
    const wipSince = request['includeWipPactsSince']
    const matches = (p: StandInPact) =>
      selectors.some(
        (s) =>
          (s['consumer'] === undefined || s['consumer'] === p.content.consumer.name) &&
          (s['mainBranch'] !== true || p.branch === 'main') &&
          (s['branch'] === undefined || s['branch'] === p.branch) &&
          (s['deployedOrReleased'] !== true || p.deployedOrReleased === true),
      )
    const chosen = pacts
      .filter((p) => p.content.provider.name === provider)
      .flatMap((p) => {
        if (matches(p))
          return [
            {
              p,
              pending: pending && p.neverVerified === true,
              wip: false,
              why: 'matches a selector',
            },
          ]
        if (wipSince && pending && p.wip)
          return [{ p, pending: true, wip: true, why: 'work in progress' }]
        return []
      })
    return {
      _embedded: {
        pacts: chosen.map(({ p, pending, wip, why }) => ({
          shortDescription: `${p.branch} ${p.consumerVersion}`,
          verificationProperties: {
            pending,
            ...(wip ? { wip: true } : {}),
            notices: [
              { when: 'before_verification', text: `The pact is being verified because it ${why}` },
            ],
          },
          _links: {
            self: {
              href: `${base}${pactPath(p)}`,
              name: `Pact between ${p.content.consumer.name} (${p.consumerVersion}) and ${provider}`,
            },
          },
        })),
      },
      _links: { self: { href: `${base}/pacts/provider/${provider}/for-verification` } },
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    pactUrl: (p: StandInPact) => `${base}${pactPath(p)}`,
    received,
    results,
    branches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function hal(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'content-type': 'application/hal+json;charset=utf-8' })
  res.end(JSON.stringify(value))
}
