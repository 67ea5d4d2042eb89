import type { SimulatorState } from './state-schema.ts'

type Item<K extends keyof SimulatorState> = SimulatorState[K] extends readonly (infer T)[]
  ? T
  : never

/** A lookup table keyed by owner and id, pointing at the records of the state document itself. */
export type Index<T> = Map<string, T>

function indexBy<T>(items: readonly T[], key: (item: T) => string | undefined): Index<T> {
  const map = new Map<string, T>()
  for (const item of items) {
    const k = key(item)
    if (k !== undefined) map.set(k, item)
  }
  return map
}

/** Composite key of an owner and an id. */
export const owned = (owner: string, id: string) => `${owner}\u0000${id}`

/**
 * The state document plus indexes over it. Records are mutated in place by the executors, which
 * keep the secondary indexes (reference ids, names) in step through `rekey`.
 */
export function createStore(state: SimulatorState) {
  return {
    state,
    vodImages: indexBy(state.vodImages, (x) => owned(x.account, x.imageId)),
    vodVideos: indexBy(state.vodVideos, (x) => owned(x.account, x.videoId)),
    vodVideoRefs: indexBy(state.vodVideos, (x) => x.referenceId && owned(x.account, x.referenceId)),
    iceMedia: indexBy(state.iceMedia, (x) => owned(x.account, x.mediaId)),
    iceInputURLs: indexBy(state.iceMedia, (x) => owned(x.account, x.inputURL)),
    iceRefs: indexBy(state.iceMedia, (x) => x.referenceId && owned(x.account, x.referenceId)),
    cvmImages: indexBy(state.cvmImages, (x) => owned(x.account, x.imageId)),
    cvmNames: indexBy(state.cvmImages, (x) => owned(x.account, x.name)),
    instances: indexBy(state.imagesearchInstances, (x) => owned(x.project, x.name)),
  }
}

export type Store = ReturnType<typeof createStore>
export type VodVideo = Item<'vodVideos'>

/** Moves a record from one key of a secondary index to another. */
export function rekey<T>(
  index: Index<T>,
  before: string | undefined,
  after: string,
  record: T,
): void {
  if (before !== undefined && index.get(before) === record) index.delete(before)
  index.set(after, record)
}
