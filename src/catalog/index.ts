// The operation catalogue: operations, limits, faults and vendor error tables, as data.

export { alibabaRpcErrors } from './alibaba-rpc-errors.ts'
export type {
  Format,
  ListField,
  OperationDefinition,
  Profile,
  ProtocolId,
  ResultField,
  Sample,
  SampleRequest,
  ScalarField,
} from './define-operation.ts'
// Definitions
export {
  defineOperation,
  formatPath,
  PROFILES,
  validateInput,
} from './define-operation.ts'
export type { Fault, FaultDetail, FaultKind, VendorErrorSpec, VendorErrorTable } from './faults.ts'
// Faults
export { FAULT_KINDS, fault, isFault, renderMessage } from './faults.ts'
export { huaweiErrors } from './huawei-errors.ts'
export type { Charset, LimitSource, RuleSource } from './limits.ts'
// Limits
export {
  charLength,
  charsetRegex,
  splitTags,
  utf8Length,
} from './limits.ts'
export type { LimitEntry } from './list-limits.ts'
export { describeLimits, listLimits } from './list-limits.ts'
export { modifyImage } from './modify-image.ts'
export { modifyImageAttribute } from './modify-image-attribute.ts'
export { modifyImageAttributes } from './modify-image-attributes.ts'
export type { Operation, OperationId } from './operations.ts'
// Operations
export {
  findOperation,
  findOperationFor,
  operations,
  vendorErrorFor,
} from './operations.ts'
export { parseJsonLossless, stringifyJsonLossless } from './parse-json-lossless.ts'
export { tencentV2Errors } from './tencent-v2-errors.ts'
export { tencentV3Errors } from './tencent-v3-errors.ts'
export { updateImageInfos } from './update-image-infos.ts'
export { BUSINESS_TYPES, MEDIA_TAG_LIMITS, updateMediaInfo } from './update-media-info.ts'
export { updateVideoInfos } from './update-video-infos.ts'
