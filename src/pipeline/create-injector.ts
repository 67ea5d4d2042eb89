import type { FaultInjection, Injection } from '../simulator/index.ts'

/** What an injected fault asks of a door, besides (or instead of) the pipeline's answer. */
export type Effect = { delayMs?: number; drop?: 'reset' | 'hang' }

/** The decision for one request: a vendor fault to answer with, and a transport effect. */
export type Injected = { fault?: 'Throttled' | 'InternalError'; effect?: Effect }

/**
 * Decides which fault to inject into a request for an operation. Each operation has its own
 * generator seeded from the configuration's seed and the operation id, so faults on one operation
 * do not shift the sequence of another; a new configuration starts every sequence afresh.
 */
export function createInjector(config: () => FaultInjection | undefined) {
  let current: FaultInjection | undefined
  let streams = new Map<string, () => number>()
  return (operationId: string): Injected | undefined => {
    const injection = config()
    if (injection !== current) {
      current = injection
      streams = new Map()
    }
    if (!injection) return undefined
    const rule: Injection | undefined =
      injection.operations[operationId] ?? injection.operations['*']
    if (!rule) return undefined
    let next = streams.get(operationId)
    if (!next) {
      next = mulberry32(injection.seed ^ hash(operationId))
      streams.set(operationId, next)
    }
    const draw = next()
    const effect: Effect = rule.latencyMs ? { delayMs: rule.latencyMs } : {}
    // One draw, laid against the rates end to end: [reset | hang | throttle | error | none].
    const reset = rule.resetRate ?? 0
    const hang = reset + (rule.hangRate ?? 0)
    const throttle = hang + (rule.throttleRate ?? 0)
    const error = throttle + (rule.errorRate ?? 0)
    if (draw < reset) return { effect: { ...effect, drop: 'reset' } }
    if (draw < hang) return { effect: { ...effect, drop: 'hang' } }
    if (draw < throttle) return { fault: 'Throttled', effect }
    if (draw < error) return { fault: 'InternalError', effect }
    return rule.latencyMs ? { effect } : undefined
  }
}

/** A small, fast, seedable generator of numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function hash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}
