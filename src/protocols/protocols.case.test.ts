import { describe, expect, it } from 'vitest'
import { isFault, operations } from '../catalog/index.ts'
import { protocols } from './all-protocols.ts'
import type {
  AuthContext,
  KeyRing,
  SigningCredentials,
  WireProtocol,
  WireRequest,
} from './protocol.ts'
import { testNonceStore } from './test-nonce-store.ts'

// One suite, every scheme, every signing variant: a request signed by the scheme's own `sign` is
// routed to it, parsed and authenticated; a wrong secret, a changed parameter, an unknown key, a
// reused nonce and an old timestamp are each refused with the fault the vendor would send.

const T0 = Date.parse('2026-11-23T12:00:00Z')
const PROJECT = '0123456789abcdef0123456789abcdef'
const keys: KeyRing = (kind, id) => {
  const table: Record<string, { secret?: string; account: string; project?: string }> = {
    'alibaba|testAccessKeyId': { secret: 'testAccessKeySecret', account: 'demo' },
    'tencent|AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA': {
      secret: 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA',
      account: 'demo',
    },
    'huawei-aksk|testHuaweiAK': { secret: 'testHuaweiSK', account: 'demo', project: PROJECT },
    'huawei-token|test-x-auth-token': { account: 'demo', project: PROJECT },
  }
  return table[`${kind}|${id}`]
}
const credentials: Record<string, SigningCredentials> = {
  alibaba: { keyId: 'testAccessKeyId', secret: 'testAccessKeySecret' },
  tencent: {
    keyId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA',
    secret: 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA',
  },
  'huawei-aksk': { keyId: 'testHuaweiAK', secret: 'testHuaweiSK', project: PROJECT },
}
/** Variants that authenticate with a bearer token instead of a signature. */
const TOKEN_VARIANTS: Record<string, { keyId: string; project: string }> = {
  'huawei-apig/TOKEN': { keyId: 'test-x-auth-token', project: PROJECT },
}
const PROBE = 'probe-value-aaaa'

function signed(
  protocol: WireProtocol,
  variant: string,
  options: { now?: number; secret?: string; keyId?: string } = {},
) {
  const operation = operations.find((op) => op.protocol === protocol.id)!
  const token = TOKEN_VARIANTS[`${protocol.id}/${variant}`]
  const base = token ?? credentials[protocol.credentialKind]!
  let nonce = 0
  return protocol.sign(
    {
      operation,
      // An extra parameter the schema ignores but the signature covers, to tamper with.
      params: { ...operation.sampleRequests[0]!.params, TapedeckProbe: PROBE },
      endpoint: 'http://127.0.0.1:8080',
      variant,
      pathParams: { project_id: PROJECT, instance_name: 'test-instance' },
    },
    {
      ...base,
      ...(options.secret ? { secret: options.secret } : {}),
      ...(options.keyId ? { keyId: options.keyId } : {}),
    },
    { now: () => options.now ?? T0, nonce: () => `${++nonce}${Math.floor(Math.random() * 1e9)}` },
  )
}

function verify(protocol: WireProtocol, request: WireRequest, context: Partial<AuthContext> = {}) {
  const call = protocol.parse(request)
  if (isFault(call)) return call
  return protocol.authenticate(call, request, {
    now: () => T0,
    keys,
    nonces: testNonceStore(),
    windowSeconds: protocol.windowSeconds,
    ...context,
  })
}

function tamper(request: WireRequest): WireRequest {
  const swap = (text: string) => text.replace(PROBE, 'probe-value-bbbb')
  return {
    ...request,
    query: swap(request.query),
    body: Buffer.from(swap(request.body.toString('utf8'))),
  }
}

const cases = protocols.flatMap((protocol) =>
  protocol.variants.map((variant) => [protocol.id, variant, protocol] as const),
)

describe.each(cases)('%s %s', (_id, variant, protocol) => {
  const isToken = `${protocol.id}/${variant}` in TOKEN_VARIANTS

  it('is routed to its own scheme', () => {
    expect(protocols.find((candidate) => candidate.claims(signed(protocol, variant)))?.id).toBe(
      protocol.id,
    )
  })

  it('authenticates a request it signed', () => {
    expect(verify(protocol, signed(protocol, variant))).toMatchObject({ account: 'demo' })
  })

  it('parses the business parameters and the action', () => {
    const call = protocol.parse(signed(protocol, variant))
    const operation = operations.find((op) => op.protocol === protocol.id)!
    expect(call).toMatchObject({
      action: operation.action,
      version: operation.version,
      protocol: protocol.id,
    })
  })

  if (!isToken)
    it('refuses a wrong secret with a signature mismatch', () => {
      expect(verify(protocol, signed(protocol, variant, { secret: 'wrong-secret' }))).toMatchObject(
        { kind: 'SignatureMismatch' },
      )
    })

  if (!isToken)
    it('refuses a changed parameter with a signature mismatch', () => {
      expect(verify(protocol, tamper(signed(protocol, variant)))).toMatchObject({
        kind: 'SignatureMismatch',
      })
    })

  it('refuses an unknown credential', () => {
    expect(
      verify(protocol, signed(protocol, variant, { keyId: 'nobody-knows-this-key' })),
    ).toMatchObject({ kind: 'UnknownCredential' })
  })

  if (!isToken)
    it('refuses a timestamp outside the window, and accepts one just inside', () => {
      const window = protocol.windowSeconds * 1000
      expect(
        verify(protocol, signed(protocol, variant, { now: T0 - window - 60_000 })),
      ).toMatchObject({ kind: 'TimestampExpired' })
      expect(
        verify(protocol, signed(protocol, variant, { now: T0 + window + 60_000 })),
      ).toMatchObject({ kind: 'TimestampExpired' })
      expect(
        verify(protocol, signed(protocol, variant, { now: T0 - window + 60_000 })),
      ).toMatchObject({ account: 'demo' })
    })

  const hasNonce = protocol.nonceVariants.includes(variant)
  if (hasNonce)
    it('refuses a reused nonce', () => {
      const request = signed(protocol, variant)
      const nonces = testNonceStore()
      expect(verify(protocol, request, { nonces })).toMatchObject({ account: 'demo' })
      expect(verify(protocol, request, { nonces })).toMatchObject({ kind: 'NonceUsed' })
    })

  if (!hasNonce)
    it('accepts the same request twice (the scheme has no nonce)', () => {
      const request = signed(protocol, variant)
      const nonces = testNonceStore()
      expect(verify(protocol, request, { nonces })).toMatchObject({ account: 'demo' })
      expect(verify(protocol, request, { nonces })).toMatchObject({ account: 'demo' })
    })
})
