import type { z } from 'zod'
import { fault, MEDIA_TAG_LIMITS, splitTags, type updateMediaInfo } from '../catalog/index.ts'
import { owned, rekey } from './create-store.ts'
import type { Executor } from './execute-context.ts'

// The catalogue's MediaTags limit, which an append must keep too.
const MAX_TAGS = MEDIA_TAG_LIMITS.maxTags

/**
 * IMS UpdateMediaInfo: `MediaId` wins over `InputURL` ("preferentially used", seed 002), and an
 * `InputURL` sent with it is ignored, never stored nor refused; `InputURL` alone locates the asset
 * it is registered to. `AppendTags=true` appends (no duplicates, still within the
 * catalogue's MediaTags limit), otherwise `MediaTags` overwrites. `ReferenceId` is unique per account.
 */
export const executeUpdateMediaInfo: Executor<z.output<typeof updateMediaInfo.input>> = (
  input,
  { store, principal },
) => {
  const { account } = principal
  const media = input.MediaId
    ? store.iceMedia.get(owned(account, input.MediaId))
    : store.iceInputURLs.get(owned(account, input.InputURL!))
  if (!media) {
    const reason = input.MediaId ? `MediaId "${input.MediaId}"` : `InputURL "${input.InputURL}"`
    return {
      ok: false,
      fault: fault('NotFound', {
        value: input.MediaId || input.InputURL!,
        reason: `${reason} is not registered.`,
      }),
    }
  }
  let tags = media.tags
  if (input.MediaTags !== undefined) {
    const incoming = splitTags(input.MediaTags)
    tags = input.AppendTags ? [...new Set([...(media.tags ?? []), ...incoming])] : incoming
    if (tags.length > MAX_TAGS) {
      const reason = `appending gives ${tags.length} tags, the limit is ${MAX_TAGS}`
      return {
        ok: false,
        fault: fault('ValueTooLarge', { param: 'MediaTags', reason, max: String(MAX_TAGS) }),
      }
    }
  }
  if (input.ReferenceId !== undefined && input.ReferenceId !== media.referenceId) {
    const holder = store.iceRefs.get(owned(account, input.ReferenceId))
    if (holder && holder !== media) {
      const reason = `ReferenceId "${input.ReferenceId}" is already used by media ${holder.mediaId}`
      return { ok: false, fault: fault('Duplicate', { param: 'ReferenceId', reason }) }
    }
    const before = media.referenceId === undefined ? undefined : owned(account, media.referenceId)
    media.referenceId = input.ReferenceId
    rekey(store.iceRefs, before, owned(account, input.ReferenceId), media)
  }
  if (tags !== undefined) media.tags = tags
  if (input.BusinessType !== undefined) media.businessType = input.BusinessType
  if (input.Title !== undefined) media.title = input.Title
  if (input.Description !== undefined) media.description = input.Description
  if (input.Category !== undefined) media.category = input.Category
  if (input.CoverURL !== undefined) media.coverURL = input.CoverURL
  if (input.UserData !== undefined) media.userData = input.UserData
  if (input.CateId !== undefined) media.cateId = input.CateId
  return { ok: true, result: { MediaId: media.mediaId } }
}
