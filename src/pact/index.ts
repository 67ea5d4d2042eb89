// Pact contracts from the catalogue's scenarios, and provider verification: the only pact import.

export { renderJunit, renderReport, renderResultLine, renderSummary } from './render-report.ts'
export type {
  BrokerOptions,
  InteractionResult,
  Mismatch,
  VerifyOptions,
  VerifyReport,
} from './verify-provider.ts'
export { verifyProvider } from './verify-provider.ts'
export type { WriteContractsOptions, WriteContractsResult } from './write-contracts.ts'
export {
  CONSUMER,
  DOCUMENTED_CONSUMER,
  documentedDirOf,
  writeContracts,
} from './write-contracts.ts'
