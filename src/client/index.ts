// The reference client: signs with every scheme, returns results and vendor errors as values.

export type { CredentialSet } from '../protocols/index.ts'
export { testCredentials } from '../simulator/index.ts'
export type {
  CallOptions,
  Client,
  ClientInput,
  ClientOptions,
  ClientResult,
} from './create-client.ts'
export { createClient, sendWire, signCall } from './create-client.ts'
export {
  credentialsFromEnv,
  credentialsToEnv,
  credentialVariableNames,
  credentialVariables,
  secretsOf,
} from './credentials-from-env.ts'
export { probeProvider } from './probe-provider.ts'
export type { ResignOptions } from './resign-request.ts'
export { resignRequest } from './resign-request.ts'
