import type { z } from 'zod'
import type { modifyImageAttribute, modifyImageAttributes } from '../catalog/index.ts'
import type { Executor } from './execute-context.ts'
import { modifyCvmImage } from './modify-cvm-image.ts'

/**
 * Tencent legacy `ModifyImageAttributes` (lower-case parameter names): an empty `imageName` or
 * `imageDescription` is unchanged ("If you don't want to modify it, left it blank", seed 003).
 */
export const executeModifyImageAttributes: Executor<
  z.output<typeof modifyImageAttributes.input>
> = (input, { store, principal }) => {
  const problem = modifyCvmImage(store, principal.account, {
    imageId: input.imageId,
    name: input.imageName,
    description: input.imageDescription || undefined,
  })
  return problem ? { ok: false, fault: problem } : { ok: true, result: {} }
}

/**
 * Tencent API 3.0 `ModifyImageAttribute` (capitalised parameter names): its page (protocols.md §6)
 * gives `ImageDescription` at most 60 characters and no "empty means unchanged" rule, so an empty
 * value clears the description.
 */
export const executeModifyImageAttribute: Executor<z.output<typeof modifyImageAttribute.input>> = (
  input,
  { store, principal },
) => {
  const problem = modifyCvmImage(store, principal.account, {
    imageId: input.ImageId,
    name: input.ImageName,
    description: input.ImageDescription,
  })
  if (problem?.kind === 'Duplicate') return { ok: false, fault: { ...problem, param: 'ImageName' } }
  return problem ? { ok: false, fault: problem } : { ok: true, result: {} }
}
