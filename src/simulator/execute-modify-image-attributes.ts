import type { z } from 'zod'
import type { modifyImageAttribute, modifyImageAttributes } from '../catalog/index.ts'
import type { Executor } from './execute-context.ts'
import { modifyCvmImage } from './modify-cvm-image.ts'

/** Tencent legacy `ModifyImageAttributes` (lower-case parameter names). */
export const executeModifyImageAttributes: Executor<
  z.output<typeof modifyImageAttributes.input>
> = (input, { store, principal }) => {
  const problem = modifyCvmImage(store, principal.account, {
    imageId: input.imageId,
    name: input.imageName,
    description: input.imageDescription,
  })
  return problem ? { ok: false, fault: problem } : { ok: true, result: {} }
}

/** Tencent API 3.0 `ModifyImageAttribute` (capitalised parameter names). */
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
