import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { operations } from '../src/catalog/index.ts'
import { type CredentialSet, testCredentials } from '../src/client/index.ts'
import { createPipeline } from '../src/pipeline/index.ts'
import { protocols, type WireProtocol, type WireRequest } from '../src/protocols/index.ts'
import { createSimulator, DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { startTestServer } from './support/start-test-server.ts'

// Hostile input, generated: every answer is a well-formed vendor error or a valid success, never
// an internal error, never a hang. Seeded and reproducible; fast-check prints the failing seed and
// the shrunk request. FUZZ_SEED and FUZZ_RUNS override the defaults.
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261123)
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 10_000)
const T0 = Date.parse('2026-11-23T12:00:00Z')
const { project, instance } = DEFAULT_CREDENTIALS.huawei

/** Statuses each scheme's vendor sends; anything else (a 500 above all) is a tapedeck bug. */
const STATUSES: Record<string, readonly number[]> = {
  'alibaba-rpc': [200, 400, 403, 404, 405, 413],
  'tencent-v2': [200],
  'tencent-v3': [200],
  'huawei-apig': [200, 400, 401, 404],
}

let nonce = 0
function signedRequest(
  protocol: WireProtocol,
  variant: string,
  params: Record<string, unknown>,
  format: 'json' | 'xml',
): WireRequest {
  const operation = operations.find((op) => op.protocol === protocol.id)!
  const credentials =
    variant === 'TOKEN'
      ? { keyId: DEFAULT_CREDENTIALS.huawei.token }
      : (testCredentials() as CredentialSet)[protocol.credentialKind]!
  return protocol.sign(
    {
      operation,
      params,
      endpoint: 'http://127.0.0.1:8080',
      variant,
      format,
      pathParams: { project_id: project, instance_name: instance },
    },
    credentials,
    { now: () => T0, nonce: () => String(++nonce) },
  )
}

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '%',
    '%zz',
    '%E4%B8',
    '\u0000',
    '😀',
    'é'.repeat(200),
    '[',
    '{"a":',
    '1e309',
    '-1',
    'null',
  ),
)
// Huge and deeply nested values are rare draws: each is slow to sign, and a few dozen per
// 10,000 runs meet every guard many times over.
const HUGE = Array.from({ length: 10_000 }, (_, i) => ({ ImageId: `i${i}` }))
const jsonish = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 300 },
  { arbitrary: fc.constant(HUGE), weight: 1 },
  {
    arbitrary: fc
      .integer({ min: 100, max: 3000 })
      .map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
    weight: 1,
  },
)
// Parameter values are text, as a client sends them; JSON bodies of any shape come from mutations.
const businessParams = fc.dictionary(
  fc.constantFrom(
    'UpdateContent',
    'MediaId',
    'InputURL',
    'Title',
    'imageId',
    'imageName',
    'ImageId',
    'ImageName',
    'path',
    'tags',
    'x',
  ),
  fc.oneof(
    text,
    jsonish.map((value) => JSON.stringify(value) ?? 'null'),
  ),
  { maxKeys: 4 },
)

type Mutation = (request: WireRequest) => WireRequest
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>((r) => r),
  fc
    .constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'BREW')
    .map<Mutation>((method) => (r) => ({ ...r, method })),
  text.map<Mutation>((path) => (r) => ({ ...r, path: `/${path}` })),
  fc
    .constantFrom(
      '/',
      '/v2/index.php',
      `/v1/${project}/${instance}/image`,
      '/v1/x',
      '/v1/%zz/%E4/image',
    )
    .map<Mutation>((path) => (r) => ({ ...r, path })),
  fc.tuple(text, text).map<Mutation>(([name, value]) => (r) => ({
    ...r,
    query: `${r.query}&${name}=${value}`,
  })),
  text.map<Mutation>((garbage) => (r) => ({ ...r, query: garbage })),
  fc.nat(20).map<Mutation>((drop) => (r) => ({
    ...r,
    query: r.query
      .split('&')
      .filter((_, i) => i !== drop)
      .join('&'),
  })),
  fc.nat(20).map<Mutation>((index) => (r) => {
    const pairs = r.query.split('&')
    return { ...r, query: [...pairs, pairs[index % Math.max(pairs.length, 1)] ?? ''].join('&') }
  }),
  fc.nat(8).map<Mutation>((drop) => (r) => {
    const names = Object.keys(r.headers)
    return {
      ...r,
      headers: Object.fromEntries(
        Object.entries(r.headers).filter(([name]) => name !== names[drop]),
      ),
    }
  }),
  fc
    .tuple(
      fc.constantFrom(
        'authorization',
        'x-tc-timestamp',
        'x-sdk-date',
        'x-acs-date',
        'content-type',
        'x-tc-action',
        'x-acs-action',
        'x-auth-token',
        'host',
      ),
      text,
    )
    .map<Mutation>(([name, value]) => (r) => ({ ...r, headers: { ...r.headers, [name]: value } })),
  fc
    .uint8Array({ maxLength: 200 })
    .map<Mutation>((bytes) => (r) => ({ ...r, body: Buffer.from(bytes) })),
  jsonish.map<Mutation>((value) => (r) => ({
    ...r,
    body: Buffer.from(JSON.stringify(value) ?? ''),
  })),
)

function checkAnswer(
  protocol: WireProtocol,
  request: WireRequest,
  pipeline: ReturnType<typeof createPipeline>,
) {
  const { response, trace } = pipeline.handle(request)
  const crashed = trace.steps.find((step) => step.fault?.kind === 'InternalError')
  if (crashed) throw new Error(`internal error: ${crashed.fault?.reason}`)
  if (trace.protocol === undefined) {
    expect(response.status).toBe(404)
    expect(JSON.parse(response.body)).toMatchObject({ code: 'E_NO_ROUTE' })
    return
  }
  const answering = protocols.find((p) => p.id === trace.protocol)!
  expect(STATUSES[answering.id]).toContain(response.status)
  const parsed = answering.readResponse(
    response,
    operations.find((op) => op.protocol === answering.id)!,
  )
  expect(
    parsed.ok || parsed.code !== 'UnreadableResponse',
    `unreadable answer ${response.body.slice(0, 200)}`,
  ).toBe(true)
  void protocol
}

describe.each(protocols.map((p) => [p.id, p] as const))('%s', (_id, protocol) => {
  it(`answers ${RUNS} generated hostile requests in the vendor's envelope, never with an internal error`, {
    timeout: 120_000,
  }, () => {
    const simulator = createSimulator()
    const pipeline = createPipeline({
      engine: simulator,
      keys: simulator.keys,
      now: () => T0,
      rateLimits: { 'alibaba-vod.UpdateVideoInfos': 0 },
    })
    const arbitrary = fc.record({
      variant: fc.constantFrom(...protocol.variants),
      params: businessParams,
      format: fc.constantFrom('json' as const, 'xml' as const),
      mutations: fc.array(mutation, { maxLength: 3 }),
    })
    fc.assert(
      fc.property(arbitrary, ({ variant, params, format, mutations }) => {
        const request = mutations.reduce(
          (r, m) => m(r),
          signedRequest(protocol, variant, params, format),
        )
        checkAnswer(protocol, request, pipeline)
      }),
      { seed: SEED, numRuns: RUNS },
    )
  })
})

it('answers generated hostile requests over real sockets, then a health check, with memory bounded', async () => {
  const server = await startTestServer({ now: () => T0 })
  try {
    const samples = fc.sample(
      fc.record({
        protocol: fc.constantFrom(...protocols),
        params: businessParams,
        mutations: fc.array(mutation, { maxLength: 3 }),
      }),
      { seed: SEED, numRuns: 600 },
    )
    const rssBefore = process.memoryUsage().rss
    for (const { protocol, params, mutations } of samples) {
      const request = mutations.reduce(
        (r, m) => m(r),
        signedRequest(protocol, protocol.variants[0]!, params, 'json'),
      )
      const method = /^[A-Z]+$/.test(request.method) ? request.method : 'GET'
      const safePath = /^[\x21-\x7e]*$/.test(request.path) ? request.path : encodeURI(request.path)
      const query = /^[\x21-\x7e]*$/.test(request.query) ? request.query : encodeURI(request.query)
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          ([name, value]) =>
            name !== 'host' &&
            /^[\x20-\x7e]*$/.test(value) &&
            /^[!#-'*+.^-z|~0-9A-Za-z-]+$/.test(name),
        ),
      )
      const response = await fetch(`${server.url}${safePath}${query ? `?${query}` : ''}`, {
        method,
        headers,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: new Uint8Array(request.body) }),
        signal: AbortSignal.timeout(5000),
      })
      expect(response.status, `${method} ${safePath}`).toBeLessThan(500)
      await response.arrayBuffer()
    }
    expect((await server.admin('GET', 'health')).json).toEqual({ status: 'ok' })
    // A smoke bound for the whole process (client and server); the growing structures themselves
    // (journal, nonces, rate windows) are bounded by construction and tested on their own.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(512 * 1024 * 1024)
  } finally {
    await server.close()
  }
}, 60_000)
