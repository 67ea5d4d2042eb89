// Wire protocols: one implementation per signing/envelope scheme, all behind `WireProtocol`.

// Schemes
export { findProtocol, protocols } from './all-protocols.ts'
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
  Call,
  CredentialKind,
  KeyEntry,
  KeyRing,
  NonceStore,
  Outcome,
  OutgoingCall,
  ParsedResponse,
  Principal,
  RenderContext,
  SignEnv,
  SigningCredentials,
  TextResponse,
  Volatile,
  WireProtocol,
  WireRequest,
  WireResponse,
} from './protocol.ts'
export { CREDENTIAL_KIND_TRAITS, CREDENTIAL_KINDS } from './protocol.ts'
export { redactKeyId } from './redact-key-id.ts'
export { tencentV3 } from './tencent-v3.ts'
