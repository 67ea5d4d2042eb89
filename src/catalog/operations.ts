import { alibabaRpcErrors } from './alibaba-rpc-errors.ts'
import type { OperationDefinition, ProtocolId } from './define-operation.ts'
import type { FaultKind, VendorErrorSpec, VendorErrorTable } from './faults.ts'
import { huaweiErrors } from './huawei-errors.ts'
import { modifyImage } from './modify-image.ts'
import { modifyImageAttribute } from './modify-image-attribute.ts'
import { modifyImageAttributes } from './modify-image-attributes.ts'
import { tencentV2Errors } from './tencent-v2-errors.ts'
import { tencentV3Errors } from './tencent-v3-errors.ts'
import { updateImageInfos } from './update-image-infos.ts'
import { updateMediaInfo } from './update-media-info.ts'
import { updateVideoInfos } from './update-video-infos.ts'

/** Every operation tapedeck implements: the single source of truth for everything else. */
export const operations = [
  updateImageInfos,
  updateVideoInfos,
  updateMediaInfo,
  modifyImageAttributes,
  modifyImageAttribute,
  modifyImage,
] as const satisfies readonly OperationDefinition[]

export type Operation = (typeof operations)[number]
export type OperationId = Operation['id']

/** Each wire scheme's error table. */
export const errorTables: Record<string, VendorErrorTable> = {
  'alibaba-rpc': alibabaRpcErrors,
  'tencent-v2': tencentV2Errors,
  'tencent-v3': tencentV3Errors,
  'huawei-apig': huaweiErrors,
}

/** The vendor error for a fault: the operation's override, else its scheme's table. */
export function vendorErrorFor(
  errors: VendorErrorTable,
  kind: FaultKind,
  operation?: OperationDefinition,
): VendorErrorSpec {
  return operation?.errors?.[kind] ?? errors[kind]
}

/** Finds an operation by its id. */
export function findOperation(id: string): OperationDefinition | undefined {
  return operations.find((operation) => operation.id === id)
}

/**
 * The operation a call names: its scheme and action, and its version when one is given (the
 * pipeline's stricter resolve reports a wrong version; readers of recorded traffic do not).
 */
export function findOperationFor(
  protocol: ProtocolId,
  action: string | undefined,
  version?: string,
): OperationDefinition | undefined {
  return operations.find(
    (op) =>
      op.protocol === protocol &&
      op.action === action &&
      (version === undefined || op.version === version),
  )
}
