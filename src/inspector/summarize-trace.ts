import type { SeenTrace } from '../pipeline/index.ts'

/** One row of the live Requests view. */
export type RequestSummary = {
  id: string
  at: string
  method: string
  path: string
  operation: string | undefined
  protocol: string | undefined
  variant: string | undefined
  account: string | undefined
  /** Null when an injected reset or hang dropped the answer (`outcome` says which). */
  status: number | null
  code: string | undefined
  /** `ok`, the pipeline step that refused the request, or `reset`/`hang` when no answer came. */
  outcome: string
  latencyMs: number | undefined
}

/** The row a trace shows as: what was asked, who asked, what came back and which step said no. */
export function summarize(trace: SeenTrace, latencyMs: number | undefined): RequestSummary {
  const refused = trace.steps.find((step) => !step.ok)
  return {
    id: trace.requestId,
    at: trace.receivedAt,
    method: trace.method,
    path: trace.path,
    operation: trace.operation,
    protocol: trace.protocol,
    variant: trace.variant,
    account: trace.account,
    status: trace.status,
    code: trace.code,
    outcome:
      'noAnswer' in trace
        ? trace.noAnswer
        : refused
          ? refused.step
          : trace.status === 404
            ? 'route'
            : 'ok',
    latencyMs: latencyMs === undefined ? undefined : Math.round(latencyMs * 10) / 10,
  }
}
