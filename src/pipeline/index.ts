// The request pipeline every door shares.

export { createNonceStore } from './create-nonce-store.ts'
export type { AuthMode, Handled, Pipeline, PipelineOptions } from './create-pipeline.ts'
export { createPipeline } from './create-pipeline.ts'
export type { Step, Trace } from './trace.ts'
export { STEPS } from './trace.ts'
