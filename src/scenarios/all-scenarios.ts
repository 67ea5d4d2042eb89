import type { Scenario } from './define-scenario.ts'
import { modifyImageScenarios } from './modify-image.ts'
import { modifyImageAttributeScenarios } from './modify-image-attribute.ts'
import { modifyImageAttributesScenarios } from './modify-image-attributes.ts'
import { updateImageInfosScenarios } from './update-image-infos.ts'
import { updateMediaInfoScenarios } from './update-media-info.ts'
import { updateVideoInfosScenarios } from './update-video-infos.ts'

/** Every documented shape, error and boundary of every operation, in catalogue order. */
export const scenarios: readonly Scenario[] = [
  ...updateImageInfosScenarios,
  ...updateVideoInfosScenarios,
  ...updateMediaInfoScenarios,
  ...modifyImageAttributesScenarios,
  ...modifyImageAttributeScenarios,
  ...modifyImageScenarios,
]
