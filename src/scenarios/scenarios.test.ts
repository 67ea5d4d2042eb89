import { expect, it } from 'vitest'
import { operations } from '../catalog/index.ts'
import { playScenario, scenarios } from './index.ts'

it.each(scenarios.map((s) => [s.id, s] as const))('%s holds on the simulator', (_id, scenario) => {
  expect(playScenario(scenario).issues).toEqual([])
})

it('gives every scenario a unique id', () => {
  expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length)
})

it('covers every documented sample of every operation', () => {
  for (const operation of operations) {
    for (const sample of operation.samples) {
      const covered = scenarios.some(
        (s) => s.operation.id === operation.id && s.expect.sample === sample.name,
      )
      expect(covered, `${operation.id}: ${sample.name}`).toBe(true)
    }
  }
})

it('covers every fault an operation documents', () => {
  for (const operation of operations) {
    const outcomes = scenarios.filter(
      (s) => s.operation.id === operation.id && s.expect.code !== undefined,
    )
    expect(outcomes.length, operation.id).toBeGreaterThan(0)
  }
})
