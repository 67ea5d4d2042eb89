// The reference client: signs with every scheme, returns results and vendor errors as values.

export type {
  CallOptions,
  Client,
  ClientInput,
  ClientOptions,
  ClientResult,
} from './create-client.ts'
export { createClient, sendWire, signCall } from './create-client.ts'
export {
  CREDENTIAL_ENV,
  CREDENTIAL_VARIABLES,
  credentialsFromEnv,
  credentialsToEnv,
  secretsOf,
} from './credentials-from-env.ts'
export { probeProvider } from './probe-provider.ts'
export type { ResignOptions } from './resign-request.ts'
export { resignRequest } from './resign-request.ts'
export { testCredentials } from './test-credentials.ts'
