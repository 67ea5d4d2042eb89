import { describe, expect, it } from 'vitest'
import { signCall, testCredentials } from '../src/client/index.ts'
import { findProtocol, fingerprint } from '../src/protocols/index.ts'
import { type Scenario, scenarios } from '../src/scenarios/index.ts'
import { canonicalKey } from '../src/tapes/index.ts'

// Replay remembers fingerprint → match key, so a fingerprint must never stand for two keys: two
// sends of one call (new clock, nonce, signature) share one, and any change to what the call is
// gives another. Checked over every scenario in every signing variant of its scheme.

const T0 = Date.parse('2026-11-23T12:00:00Z')

function send(scenario: Scenario, variant: string, at: number, nonce: string, params?: object) {
  return signCall(
    {
      endpoint: 'http://127.0.0.1:8080',
      credentials: testCredentials(),
      now: () => at,
      nonce: () => nonce,
    },
    scenario.operation,
    (params ?? scenario.request.params) as Record<string, unknown>,
    {
      variant,
      ...(scenario.request.format ? { format: scenario.request.format } : {}),
      ...(scenario.request.pathParams ? { pathParams: scenario.request.pathParams } : {}),
    },
  )
}

const cases = scenarios.flatMap((scenario) =>
  findProtocol(scenario.operation.protocol)!.variants.map((variant) => ({ scenario, variant })),
)

describe('fingerprint', () => {
  it('is the same for two sends of one call and stands for one match key only', () => {
    const keyOf = new Map<string, string | undefined>()
    for (const { scenario, variant } of cases) {
      const volatile = findProtocol(scenario.operation.protocol)!.volatile
      const first = send(scenario, variant, T0, 'nonce-aaaa-0001')
      const again = send(scenario, variant, T0 + 61_000, 'nonce-bbbb-0002')
      const name = `${scenario.id} ${variant}`
      expect(fingerprint(again, volatile), name).toBe(fingerprint(first, volatile))
      const key = canonicalKey(first)
      const print = fingerprint(first, volatile)
      if (keyOf.has(print)) expect(keyOf.get(print), name).toBe(key)
      keyOf.set(print, key)
    }
    expect(keyOf.size).toBeGreaterThan(scenarios.length)
  })

  it('changes with any parameter of the call', () => {
    for (const { scenario, variant } of cases) {
      const volatile = findProtocol(scenario.operation.protocol)!.volatile
      const before = fingerprint(send(scenario, variant, T0, 'n-1'), volatile)
      const changed = { ...scenario.request.params, TapedeckProbe: 'x' }
      const after = fingerprint(send(scenario, variant, T0, 'n-1', changed), volatile)
      expect(after, `${scenario.id} ${variant}`).not.toBe(before)
    }
  })

  it('leaves out only signing fields, never a parameter an operation documents', () => {
    for (const { scenario } of cases) {
      const { params } = findProtocol(scenario.operation.protocol)!.volatile
      for (const name of Object.keys(scenario.request.params)) expect(params).not.toContain(name)
    }
  })
})
