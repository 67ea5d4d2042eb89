import type { z } from 'zod'
import { fault, splitTags, type updateVideoInfos } from '../catalog/index.ts'
import { owned, rekey, type VodVideo } from './create-store.ts'
import type { Executor } from './execute-context.ts'

type Input = z.output<typeof updateVideoInfos.input>

/**
 * VOD UpdateVideoInfos: locates each video by `VideoId`, or by `ReferenceId` when no id is given;
 * unknown ids go to `NonExistVideoIds` / `NonExistReferenceIds`, videos the caller may not modify
 * to `ForbiddenVideoIds`. A `ReferenceId` given with a `VideoId` sets it, unique per account. The
 * whole batch is checked before anything changes, so a refused batch changes nothing.
 */
export const executeUpdateVideoInfos: Executor<Input> = (input, { store, principal }) => {
  const { account } = principal
  const nonExist: string[] = []
  const nonExistRefs: string[] = []
  const forbidden: string[] = []
  const changes: { video: VodVideo; item: Input['UpdateContent'][number] }[] = []
  const claimed = new Map<string, VodVideo>()
  for (const item of input.UpdateContent) {
    const video = item.VideoId
      ? store.vodVideos.get(owned(account, item.VideoId))
      : store.vodVideoRefs.get(owned(account, item.ReferenceId!))
    if (!video) {
      if (item.VideoId) pushOnce(nonExist, item.VideoId)
      else pushOnce(nonExistRefs, item.ReferenceId!)
      continue
    }
    if (video.forbidden) {
      pushOnce(forbidden, video.videoId)
      continue
    }
    if (item.VideoId && item.ReferenceId && item.ReferenceId !== video.referenceId) {
      const holder =
        claimed.get(item.ReferenceId) ?? store.vodVideoRefs.get(owned(account, item.ReferenceId))
      if (holder && holder !== video) {
        return {
          ok: false,
          fault: fault('Duplicate', {
            param: 'ReferenceId',
            reason: `ReferenceId "${item.ReferenceId}" is already used by video ${holder.videoId}`,
          }),
        }
      }
      claimed.set(item.ReferenceId, video)
    }
    changes.push({ video, item })
  }
  for (const { video, item } of changes) {
    if (item.Title !== undefined) video.title = item.Title
    if (item.Description !== undefined) video.description = item.Description
    if (item.Tags !== undefined) video.tags = splitTags(item.Tags)
    if (item.CoverURL !== undefined) video.coverURL = item.CoverURL
    if (item.CateId !== undefined) video.cateId = item.CateId
    if (item.VideoId && item.ReferenceId !== undefined && item.ReferenceId !== video.referenceId) {
      const before = video.referenceId === undefined ? undefined : owned(account, video.referenceId)
      video.referenceId = item.ReferenceId
      rekey(store.vodVideoRefs, before, owned(account, item.ReferenceId), video)
    }
  }
  return {
    ok: true,
    result: {
      ForbiddenVideoIds: forbidden,
      NonExistVideoIds: nonExist,
      NonExistReferenceIds: nonExistRefs,
    },
  }
}

function pushOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value)
}
