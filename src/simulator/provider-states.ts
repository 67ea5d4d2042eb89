import type { Profile } from '../catalog/index.ts'
import { DEFAULT_CREDENTIALS } from './default-seed.ts'
import type { SimulatorState } from './state-schema.ts'

/**
 * The facts tapedeck knows how to establish (Pact provider states), each with the params it reads.
 * `serve` sets them through `POST /__tapedeck/provider-states`; scenarios and contracts name them.
 */
export const STATE_PARAMS = {
  'VOD image exists': ['imageId'],
  'VOD image does not exist': ['imageId'],
  'VOD video exists': ['videoId'],
  'VOD video does not exist': ['videoId'],
  'VOD video is forbidden to the caller': ['videoId'],
  'no VOD video has the ReferenceId': ['referenceId'],
  'IMS media is registered with an InputURL': ['mediaId', 'inputURL'],
  'IMS media does not exist': ['mediaId'],
  'CVM image exists': ['imageId'],
  'CVM image does not exist': ['imageId'],
  'CVM image is shared': ['imageId'],
  'CVM image name is taken': ['name'],
  'ImageSearch instance defines a tag key': ['instance', 'key'],
  'ImageSearch instance does not exist': ['instance'],
  'image is in the ImageSearch library': ['instance', 'path'],
  'image is not in the ImageSearch library': ['instance', 'path'],
} as const satisfies Record<string, readonly string[]>

export type StateName = keyof typeof STATE_PARAMS

/** A fact about the provider's data an interaction depends on (a Pact provider state). */
export type ProviderState = { name: StateName; params: Record<string, string> }

/**
 * The provider state every interaction opens with: it resets the simulator to its seed and sets the
 * response profile, so each interaction starts from known data whatever ran before it.
 */
export const PROFILE_STATE = (profile: Profile) => `the response profile is ${profile}`

type Ensure = (state: SimulatorState, params: Record<string, string>, account: string) => void

const P = DEFAULT_CREDENTIALS.huawei

// Each fact is made true by the smallest change to the state document, so a provider started
// from a custom seed still gets the data an interaction needs.
const ENSURE: Record<StateName, Ensure> = {
  'VOD image exists': (s, { imageId }, account) => {
    if (!s.vodImages.some((i) => i.account === account && i.imageId === imageId))
      s.vodImages.push({ account, imageId: imageId! })
  },
  'VOD image does not exist': (s, { imageId }, account) => {
    s.vodImages = s.vodImages.filter((i) => !(i.account === account && i.imageId === imageId))
  },
  'VOD video exists': (s, { videoId }, account) => {
    const video = s.vodVideos.find((v) => v.account === account && v.videoId === videoId)
    if (video) delete video.forbidden
    else s.vodVideos.push({ account, videoId: videoId! })
  },
  'VOD video does not exist': (s, { videoId }, account) => {
    s.vodVideos = s.vodVideos.filter((v) => !(v.account === account && v.videoId === videoId))
  },
  'VOD video is forbidden to the caller': (s, { videoId }, account) => {
    const video = s.vodVideos.find((v) => v.account === account && v.videoId === videoId)
    if (video) video.forbidden = true
    else s.vodVideos.push({ account, videoId: videoId!, forbidden: true })
  },
  'no VOD video has the ReferenceId': (s, { referenceId }, account) => {
    for (const video of s.vodVideos)
      if (video.account === account && video.referenceId === referenceId) delete video.referenceId
  },
  'IMS media is registered with an InputURL': (s, { mediaId, inputURL }, account) => {
    s.iceMedia = s.iceMedia.filter(
      (m) => !(m.account === account && m.inputURL === inputURL && m.mediaId !== mediaId),
    )
    const media = s.iceMedia.find((m) => m.account === account && m.mediaId === mediaId)
    if (media) media.inputURL = inputURL!
    else s.iceMedia.push({ account, mediaId: mediaId!, inputURL: inputURL! })
  },
  'IMS media does not exist': (s, { mediaId }, account) => {
    s.iceMedia = s.iceMedia.filter(
      (m) => !(m.account === account && (m.mediaId === mediaId || m.inputURL === mediaId)),
    )
  },
  'CVM image exists': (s, { imageId, name }, account) => {
    const image = s.cvmImages.find((i) => i.account === account && i.imageId === imageId)
    if (image) delete image.shared
    else s.cvmImages.push({ account, imageId: imageId!, name: name ?? `image-${imageId}` })
  },
  'CVM image does not exist': (s, { imageId }, account) => {
    s.cvmImages = s.cvmImages.filter((i) => !(i.account === account && i.imageId === imageId))
  },
  'CVM image is shared': (s, { imageId }, account) => {
    const image = s.cvmImages.find((i) => i.account === account && i.imageId === imageId)
    if (image) image.shared = true
    else s.cvmImages.push({ account, imageId: imageId!, name: `shared-${imageId}`, shared: true })
  },
  'CVM image name is taken': (s, { name, imageId }, account) => {
    if (!s.cvmImages.some((i) => i.account === account && i.name === name)) {
      s.cvmImages.push({ account, imageId: imageId ?? 'img-nametakn', name: name! })
    }
  },
  'ImageSearch instance defines a tag key': (s, { instance, key }) => {
    const found = s.imagesearchInstances.find((i) => i.project === P.project && i.name === instance)
    if (!found)
      s.imagesearchInstances.push({
        project: P.project,
        name: instance!,
        tagKeys: [key!],
        images: [],
      })
    else if (!found.tagKeys.includes(key!)) found.tagKeys.push(key!)
  },
  'ImageSearch instance does not exist': (s, { instance }) => {
    s.imagesearchInstances = s.imagesearchInstances.filter(
      (i) => !(i.project === P.project && i.name === instance),
    )
  },
  'image is in the ImageSearch library': (s, { instance, path }) => {
    let found = s.imagesearchInstances.find((i) => i.project === P.project && i.name === instance)
    if (!found) {
      found = { project: P.project, name: instance!, tagKeys: [], images: [] }
      s.imagesearchInstances.push(found)
    }
    if (!found.images.some((image) => image.path === path))
      found.images.push({ path: path!, tags: {} })
  },
  'image is not in the ImageSearch library': (s, { instance, path }) => {
    const found = s.imagesearchInstances.find((i) => i.project === P.project && i.name === instance)
    if (found) found.images = found.images.filter((image) => image.path !== path)
  },
}

/**
 * Makes every given fact true in a state document (a copy is returned). Facts about an account's
 * assets apply to the account of the first credential in the document (the built-in `demo`).
 */
export function applyStates(
  document: SimulatorState,
  states: readonly ProviderState[],
): SimulatorState {
  const next = structuredClone(document)
  const account =
    next.credentials.alibaba[0]?.account ?? next.credentials.tencent[0]?.account ?? 'demo'
  for (const { name, params } of states) ENSURE[name](next, params, account)
  return next
}
