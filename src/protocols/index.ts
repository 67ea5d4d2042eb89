// Wire protocols: one implementation per signing/envelope scheme, all behind `WireProtocol`.

// Schemes
export { protocols } from './all-protocols.ts'
export { bodyText, fieldValue } from './body-text.ts'
export { createMemo, type Memo } from './create-memo.ts'
// Shared helpers
export { type HmacKey, safeEqual } from './crypto.ts'
export { fingerprint } from './fingerprint.ts'
export { hopByHop } from './hop-by-hop.ts'
export { percentEncode } from './percent-encode.ts'
// Types
export type {
  AuthContext,
  BannerEndpoint,
  Call,
  ContractFields,
  CredentialDeclaration,
  CredentialKind,
  CredentialSet,
  KeyEntry,
  KeyRing,
  NonceStore,
  Outcome,
  OutgoingCall,
  ParsedResponse,
  Principal,
  RenderContext,
  SecretFields,
  SignEnv,
  SigningCredentials,
  TextResponse,
  Volatile,
  WireProtocol,
  WireRequest,
  WireResponse,
} from './protocol.ts'
export { redactKeyId } from './redact-key-id.ts'
export {
  builtInRegistry,
  credentialsOf,
  findProtocol,
  operationFor,
  protocolOf,
  type Registry,
  schemesInOrder,
  withSchemes,
} from './registry.ts'
export { type JunitCase, renderJunit } from './render-junit.ts'
export { readXml, renderXml } from './render-xml.ts'
export { tencentV3 } from './tencent-v3.ts'
