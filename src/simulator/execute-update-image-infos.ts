import type { z } from 'zod'
import { splitTags, type updateImageInfos } from '../catalog/index.ts'
import { owned } from './create-store.ts'
import type { Executor } from './execute-context.ts'

/**
 * VOD UpdateImageInfos: a partial update of each listed image (absent fields untouched); ids the
 * caller's account does not have are listed in `NonExistImageIds`, with HTTP 200.
 */
export const executeUpdateImageInfos: Executor<z.output<typeof updateImageInfos.input>> = (
  input,
  { store, principal },
) => {
  const missing: string[] = []
  for (const item of input.UpdateContent) {
    const image = store.vodImages.get(owned(principal.account, item.ImageId))
    if (!image) {
      if (!missing.includes(item.ImageId)) missing.push(item.ImageId)
      continue
    }
    if (item.Title !== undefined) image.title = item.Title
    if (item.Description !== undefined) image.description = item.Description
    if (item.Tags !== undefined) image.tags = splitTags(item.Tags)
    if (item.CateId !== undefined) image.cateId = item.CateId
  }
  return { ok: true, result: { NonExistImageIds: missing } }
}
