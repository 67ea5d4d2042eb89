import { afterAll, beforeAll, expect, it } from 'vitest'
import { operations } from '../src/catalog/index.ts'
import { sendWire, signCall, testCredentials } from '../src/client/index.ts'
import { protocols, type WireRequest } from '../src/protocols/index.ts'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

// No log line, error message or journal entry carries a secret or a full signature: every scheme,
// every variant, signed right and signed with a wrong secret.
const lines: string[] = []
let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ log: (line) => lines.push(line) })
})
afterAll(() => server.close())

const { project, instance } = DEFAULT_CREDENTIALS.huawei
const SECRETS = [
  'testAccessKeySecret',
  DEFAULT_CREDENTIALS.tencent.secretKey,
  DEFAULT_CREDENTIALS.huawei.sk,
  'wrong-secret-value-123',
]

/** The signature a request carries, wherever its scheme puts it. */
function signatureOf(request: WireRequest): string | undefined {
  const fromQuery =
    new URLSearchParams(request.query).get('Signature') ??
    new URLSearchParams(request.body.toString('utf8')).get('Signature')
  if (fromQuery) return fromQuery
  return request.headers['authorization']?.match(/Signature=([0-9a-fA-F]+)/)?.[1]
}

it('keeps secrets and signatures out of log lines, answers and the journal', async () => {
  const bodies: string[] = []
  const signatures: string[] = []
  for (const protocol of protocols) {
    const operation = operations.find((op) => op.protocol === protocol.id)!
    for (const variant of protocol.variants) {
      for (const secret of [undefined, 'wrong-secret-value-123']) {
        const credentials = testCredentials()
        const base =
          variant === 'TOKEN' ? credentials['huawei-token'] : credentials[protocol.credentialKind]
        const request = signCall(
          { endpoint: server.url, credentials, now: server.now },
          operation,
          { ...operation.sampleRequests[0]!.params },
          {
            variant,
            pathParams: { project_id: project, instance_name: instance },
            credentials: { ...base, ...(secret ? { secret } : {}) },
          },
        )
        const signature = signatureOf(request)
        if (signature) signatures.push(signature)
        bodies.push((await sendWire(server.url, request)).body)
      }
    }
  }
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
})
