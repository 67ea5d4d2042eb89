/**
 * Re-signing (the recorder's, and verify's) keeps the variant a request was signed with: its
 * method, body type and signature method. It used to sign every request with the scheme's first
 * variant, so the recorder sent a client's POST upstream as a GET.
 */
import { expect, it } from 'vitest'
import { operations } from '../src/catalog/index.ts'
import { resignRequest, signCall, testCredentials } from '../src/client/index.ts'
import { protocols } from '../src/protocols/index.ts'
import { scenarios } from '../src/scenarios/index.ts'

const ENDPOINT = 'http://127.0.0.1:9'
const cases = protocols.flatMap((protocol) =>
  protocol.variants
    .filter((variant) => protocol.variantOf !== undefined && variant !== 'TOKEN')
    .map((variant) => ({ protocol, variant })),
)

it.each(cases)('$protocol.id $variant is re-signed as $variant', ({ protocol, variant }) => {
  const operation = operations.find((op) => op.protocol === protocol.id)!
  const scenario = scenarios.find((s) => s.operation.id === operation.id)!
  const request = signCall(
    { endpoint: ENDPOINT, credentials: testCredentials() },
    operation,
    scenario.request.params,
    {
      variant,
      ...(scenario.request.pathParams ? { pathParams: scenario.request.pathParams } : {}),
    },
  )
  expect(protocol.variantOf!(request)).toBe(variant)
  const resigned = resignRequest(request, { endpoint: ENDPOINT, credentials: testCredentials() })
  expect(resigned).toBeDefined()
  expect(resigned!.method).toBe(request.method)
  expect(protocol.variantOf!(resigned!)).toBe(variant)
})
