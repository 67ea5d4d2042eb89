import { z } from 'zod'
import { operations } from '../catalog/index.ts'

const rate = z.number().min(0).max(1)
/** The keys `operations` accepts: every catalogue operation id, and `*` for all of them. */
export const FAULT_TARGETS: readonly string[] = ['*', ...operations.map((op) => op.id)]

/** What to inject into one operation's answers; rates are probabilities per request. */
export const injectionSchema = z.strictObject({
  /** Milliseconds added before answering. */
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  /** Answer the vendor's throttling error. */
  throttleRate: rate.optional(),
  /** Answer the vendor's internal-error response. */
  errorRate: rate.optional(),
  /** Reset the connection without an answer. */
  resetRate: rate.optional(),
  /** Never answer: the client's timeout must fire. */
  hangRate: rate.optional(),
})

/**
 * Fault injection for users' retry tests: per operation id (or `*` for all), drawn from a seeded
 * generator per operation, so the same seed gives the same sequence of faults. Which ids exist is
 * the simulator's to say (`parseState`): the catalogue's, and those of operations added to it.
 */
export const faultInjectionSchema = z.strictObject({
  seed: z.number().int().default(1),
  operations: z.record(z.string(), injectionSchema),
})

export type Injection = z.infer<typeof injectionSchema>
export type FaultInjection = z.infer<typeof faultInjectionSchema>
