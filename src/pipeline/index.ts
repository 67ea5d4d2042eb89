// The request pipeline every door shares.

export type { Effect, Injected } from './create-injector.ts'
export { createNonceStore } from './create-nonce-store.ts'
export type {
  AuthMode,
  DoorOptions,
  Handled,
  Pipeline,
  PipelineOptions,
} from './create-pipeline.ts'
export { createPipeline } from './create-pipeline.ts'
export type { SeenTrace, Step, Trace } from './trace.ts'
export { STEPS } from './trace.ts'
