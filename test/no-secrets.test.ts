import { afterAll, beforeAll, expect, it } from 'vitest'
import { operations } from '../src/catalog/index.ts'
import { type CredentialSet, sendWire, signCall, testCredentials } from '../src/client/index.ts'
import {
  builtInRegistry,
  type CredentialKind,
  credentialsOf,
  protocols,
  type SigningCredentials,
  type WireRequest,
} from '../src/protocols/index.ts'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

// No log line, error message or journal entry carries a secret, a token or a full signature: every
// scheme, every variant, every credential kind, signed right, with a wrong secret, and (for kinds
// whose key id is the secret, an IAM token) with a wrong token.
const lines: string[] = []
let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ log: (line) => lines.push(line) })
})
afterAll(() => server.close())

const { project, instance } = DEFAULT_CREDENTIALS.huawei
const WRONG_SECRET = 'wrong-secret-value-123'
const WRONG_TOKEN = 'wrong-x-auth-token-4567'
const KINDS = credentialsOf(builtInRegistry)
const isToken = (kind: CredentialKind) => KINDS.find((k) => k.kind === kind)!.secretKeyId

/** Every secret of every kind (a token's key id is one), and the wrong ones sent. */
const SECRETS = [
  ...Object.entries(testCredentials()).flatMap(([kind, c]) => [
    ...(c.secret ? [c.secret] : []),
    ...(isToken(kind as CredentialKind) ? [c.keyId] : []),
  ]),
  WRONG_SECRET,
  WRONG_TOKEN,
]

/** Right, then wrong: a wrong secret, or a wrong token for a kind whose key id is the secret. */
function attempts(kind: CredentialKind, right: SigningCredentials): SigningCredentials[] {
  return [
    right,
    isToken(kind) ? { ...right, keyId: WRONG_TOKEN } : { ...right, secret: WRONG_SECRET },
  ]
}

/** The signature a request carries, wherever its scheme puts it. */
function signatureOf(request: WireRequest): string | undefined {
  const fromQuery =
    new URLSearchParams(request.query).get('Signature') ??
    new URLSearchParams(request.body.toString('utf8')).get('Signature')
  if (fromQuery) return fromQuery
  return request.headers['authorization']?.match(/Signature=([0-9a-fA-F]+)/)?.[1]
}

it('keeps secrets, tokens and signatures out of log lines, answers and the journal', async () => {
  const bodies: string[] = []
  const signatures: string[] = []
  const kinds = new Set<CredentialKind>()
  for (const protocol of protocols) {
    const operation = operations.find((op) => op.protocol === protocol.id)!
    for (const variant of protocol.variants) {
      const kind = variant === 'TOKEN' ? 'huawei-token' : protocol.credentialKind
      kinds.add(kind)
      for (const credentials of attempts(kind, (testCredentials() as CredentialSet)[kind]!)) {
        const request = signCall(
          { endpoint: server.url, credentials: testCredentials(), now: server.now },
          operation,
          { ...operation.sampleRequests[0]!.params },
          {
            variant,
            pathParams: { project_id: project, instance_name: instance },
            credentials,
          },
        )
        const signature = signatureOf(request)
        if (signature) signatures.push(signature)
        bodies.push((await sendWire(server.url, request)).body)
      }
    }
  }
  expect([...kinds].sort()).toEqual(KINDS.map((k) => k.kind).sort())
  const journal = JSON.stringify((await server.admin('GET', 'requests')).json)
  expect(signatures.length).toBeGreaterThan(20)
  for (const [where, text] of [
    ['log', lines.join('\n')],
    ['answers', bodies.join('\n')],
    ['journal', journal],
  ] as const) {
    for (const secret of SECRETS)
      expect(text.includes(secret), `${where} holds a secret`).toBe(false)
    for (const signature of signatures)
      expect(text.includes(signature), `${where} holds a signature`).toBe(false)
  }
  expect(lines.length).toBeGreaterThan(20)
  // The journal still names a token, masked: its first characters and its length.
  expect(journal).toContain('"keyId":"test…(17 chars)"')
  expect(journal).toContain('"keyId":"wron…(23 chars)"')
})

const STS_TOKEN = 'tencentTemporaryToken+/='

it('keeps a security token out of log lines, answers (a mismatch echoes the string to sign, the token masked) and the journal', async () => {
  const sts = DEFAULT_CREDENTIALS.alibabaSts
  const tencent = testCredentials().tencent
  const bodies: string[] = []
  const before = lines.length
  const tries = [
    ...['GET', 'POST', 'POST-query', 'ACS3'].map((variant) => ({
      protocol: 'alibaba-rpc',
      variant,
      credentials: {
        keyId: sts.accessKeyId,
        secret: sts.accessKeySecret,
        securityToken: sts.securityToken,
      },
    })),
    ...['GET', 'POST'].map((variant) => ({
      protocol: 'tencent-v2',
      variant,
      credentials: { ...tencent, securityToken: STS_TOKEN },
    })),
  ]
  for (const { protocol, variant, credentials } of tries) {
    const operation = operations.find((op) => op.protocol === protocol)!
    for (const secret of [credentials.secret ?? '', WRONG_SECRET]) {
      const request = signCall(
        { endpoint: server.url, credentials: testCredentials(), now: server.now },
        operation,
        { ...operation.sampleRequests[0]!.params },
        { variant, credentials: { ...credentials, secret } },
      )
      const answer = await sendWire(server.url, request)
      bodies.push(answer.body)
      if (secret === WRONG_SECRET && variant !== 'ACS3')
        expect(answer.body).toMatch(/string to sign is:.*redacted(:|%3A|%253A)(Security)?Token/)
    }
  }
  const journal = JSON.stringify((await server.admin('GET', 'requests')).json)
  expect(lines.length).toBeGreaterThan(before)
  for (const [where, text] of [
    ['log', lines.join('\n')],
    ['answers', bodies.join('\n')],
    ['journal', journal],
  ] as const) {
    for (const token of [
      sts.securityToken,
      STS_TOKEN,
      encodeURIComponent(STS_TOKEN),
      'tencentTemporaryToken',
    ])
      expect(text.includes(token), `${where} holds a security token`).toBe(false)
  }
})
