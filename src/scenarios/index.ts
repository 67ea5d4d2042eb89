// Scenarios: the documented requests and outcomes the contracts and the conformance runner share.

export { applyStates } from '../simulator/index.ts'
export { scenarios } from './all-scenarios.ts'
export type { ProviderState, Scenario, ScenarioSetup, StateName } from './define-scenario.ts'
export { scenarioVariant, setupCredentials } from './define-scenario.ts'
export type { PlayedScenario } from './play-scenario.ts'
export { playScenario, signScenario } from './play-scenario.ts'
