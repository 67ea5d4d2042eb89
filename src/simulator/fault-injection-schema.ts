import { z } from 'zod'

const rate = z.number().min(0).max(1)

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
 * generator per operation, so the same seed gives the same sequence of faults.
 */
export const faultInjectionSchema = z.strictObject({
  seed: z.number().int().default(1),
  operations: z.record(z.string(), injectionSchema),
})

export type Injection = z.infer<typeof injectionSchema>
export type FaultInjection = z.infer<typeof faultInjectionSchema>
