// The stateful simulator: state format, built-in seed, and each operation's semantics.

export type { Engine, Simulator, SimulatorOptions } from './create-simulator.ts'
// Simulator
export { createSimulator } from './create-simulator.ts'
export { CREDENTIAL_FIELDS } from './credential-fields.ts'
export { createDefaultState, DEFAULT_CREDENTIALS, SAMPLE_IDS } from './default-seed.ts'
export type { ExecuteContext, Executor } from './execute-context.ts'
export type { FaultInjection, Injection } from './fault-injection-schema.ts'
export { FAULT_TARGETS, injectionSchema } from './fault-injection-schema.ts'
export type { ProviderState, StateName } from './provider-states.ts'
// Provider states
export {
  applyStates,
  PROFILE_STATE,
  STATE_PARAMS,
} from './provider-states.ts'
export type { SimulatorState } from './state-schema.ts'
// State
export { parseState } from './state-schema.ts'
export { type BuiltInCredentialKind, testCredentials } from './test-credentials.ts'
