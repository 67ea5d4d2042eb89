// The conformance runner: scenarios, the client protocol, checks and reports.

// Running
export type { ConformIssue, Sent } from './check-scenario.ts'
export { canonical, checkScenario } from './check-scenario.ts'
// Client protocol
export type {
  ClientAnswer,
  ClientAnswerInput,
  ConformClient,
  ScenarioMessage,
} from './client-protocol.ts'
export {
  clientAnswerSchema,
  clientEnv,
  parseClientAnswer,
  scenarioMessageSchema,
} from './client-protocol.ts'
// Scenarios
export type { ConformScenario, ScenarioSelection } from './conform-scenarios.ts'
export { conformScenarios, selectScenarios } from './conform-scenarios.ts'
export type { ProcessClientOptions } from './create-process-client.ts'
export { ClientProcessError, createProcessClient } from './create-process-client.ts'
// Reports
export { renderJunit, renderResultLine, renderTable } from './render-report.ts'
export type {
  ConformOptions,
  ConformReport,
  ScenarioResult,
  ScenarioStatus,
} from './run-conformance.ts'
export { conform, inScenario, messageFor } from './run-conformance.ts'
export { serveClient } from './serve-client.ts'
