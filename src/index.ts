// tapedeck's public API: everything the CLI does is callable from here.

export type { Fault, FaultKind, OperationDefinition, Profile } from './catalog/index.ts'
// Catalogue
export {
  defineOperation,
  FAULT_KINDS,
  fault,
  findOperation,
  operations,
  PROFILES,
  validateInput,
} from './catalog/index.ts'
// Coverage of the documented surface, from a server's journal or the MSW handlers' `onRequest` traces
export type { Coverage, CoverageCell, CoverageItem, OperationCoverage } from './coverage/index.ts'
export {
  computeCoverage,
  renderCoverage,
  renderJunit as renderCoverageJunit,
} from './coverage/index.ts'
// Errors
export {
  InvalidOptionError,
  InvalidStateError,
  ListenError,
  TapedeckError,
} from './errors.ts'
export type { Pipeline, PipelineOptions, Trace } from './pipeline/index.ts'
export { createPipeline } from './pipeline/index.ts'
// Schemes: a cloud is data; `withSchemes` registers another scheme and its operations
export type {
  ContractFields,
  CredentialDeclaration,
  Registry,
  SecretFields,
  WireProtocol,
} from './protocols/index.ts'
export { builtInRegistry, withSchemes } from './protocols/index.ts'
export type { ServerOptions, TapedeckServer } from './server/index.ts'

// Server
export { startServer } from './server/index.ts'
export type { Executor, Simulator, SimulatorState } from './simulator/index.ts'
// Simulator and pipeline
export {
  createDefaultState,
  createSimulator,
  DEFAULT_CREDENTIALS,
  parseState,
  SAMPLE_IDS,
} from './simulator/index.ts'
export type { GeneratedCertificates } from './tls/index.ts'
// TLS: `startServer({ tls: await createCertificates({ hosts: certificateHosts() }) })`
export {
  certificateHosts,
  createCertificates,
  readCertificateFiles,
  writeCaFile,
} from './tls/index.ts'
