import type { Fault, Format } from '../catalog/index.ts'

/** The pipeline's steps, in order. */
export const STEPS = [
  'route',
  'parse',
  'resolve',
  'inject',
  'authenticate',
  'throttle',
  'validate',
  'execute',
] as const
export type Step = (typeof STEPS)[number]

/** The verdict of one step. */
export type TraceStep = { readonly step: Step; readonly ok: boolean; readonly fault?: Fault }

/** What happened to one request: the verdict of each step that ran. No secret, no signature. */
export type Trace = {
  requestId: string
  receivedAt: string
  method: string
  path: string
  protocol: string | undefined
  /** The signing variant the request used (the scheme's `variantOf`), once routed. */
  variant: string | undefined
  operation: string | undefined
  keyId: string | undefined
  account: string | undefined
  /** The response format the request asked for. */
  format: Format | undefined
  /** Business parameters as received (for the conformance runner's checks). */
  params: Record<string, unknown> | undefined
  steps: TraceStep[]
  status: number
  /** The vendor error code, when the answer was an error. */
  code: string | undefined
}

/**
 * A trace as the client saw it: for an answer dropped by fault injection, no status and no code,
 * but `noAnswer` (the connection reset, or an answer that never came). The steps still say why
 * (`inject`).
 */
export type SeenTrace =
  | Trace
  | (Omit<Trace, 'status' | 'code'> & {
      status: null
      code: undefined
      noAnswer: 'reset' | 'hang'
    })
