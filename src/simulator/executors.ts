import type { OperationId } from '../catalog/index.ts'
import type { Executor } from './execute-context.ts'
import { executeModifyImage } from './execute-modify-image.ts'
import {
  executeModifyImageAttribute,
  executeModifyImageAttributes,
} from './execute-modify-image-attributes.ts'
import { executeUpdateImageInfos } from './execute-update-image-infos.ts'
import { executeUpdateMediaInfo } from './execute-update-media-info.ts'
import { executeUpdateVideoInfos } from './execute-update-video-infos.ts'

/** The semantics of each catalogue operation; the compiler checks that none is missing. */
// biome-ignore lint/suspicious/noExplicitAny: each executor is typed by its own operation's input.
export const executors: Record<OperationId, Executor<any>> = {
  'alibaba-vod.UpdateImageInfos': executeUpdateImageInfos,
  'alibaba-vod.UpdateVideoInfos': executeUpdateVideoInfos,
  'alibaba-ice.UpdateMediaInfo': executeUpdateMediaInfo,
  'tencent-cvm-v2.ModifyImageAttributes': executeModifyImageAttributes,
  'tencent-cvm.ModifyImageAttribute': executeModifyImageAttribute,
  'huawei-imagesearch.ModifyImage': executeModifyImage,
}
