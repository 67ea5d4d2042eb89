import { type Fault, fault } from '../catalog/index.ts'
import { owned, rekey, type Store } from './create-store.ts'

/** The change both Tencent image operations make, in neutral names. */
export type CvmImageChange = {
  imageId: string
  name?: string | undefined
  description?: string | undefined
}

/**
 * Renames or re-describes one CVM image; shared by the legacy `ModifyImageAttributes` and the 3.0
 * `ModifyImageAttribute`, which act on the same images. Names are unique per account; shared images
 * cannot be modified. An absent description is unchanged, an empty one clears it; each operation
 * maps its own empty values (the legacy doc's "left it blank" means unchanged, 3.0 states no such rule).
 */
export function modifyCvmImage(
  store: Store,
  account: string,
  change: CvmImageChange,
): Fault | undefined {
  const image = store.cvmImages.get(owned(account, change.imageId))
  if (!image)
    return fault('NotFound', {
      value: change.imageId,
      reason: `image ${change.imageId} does not exist`,
    })
  if (image.shared) {
    return fault('IncorrectState', {
      value: change.imageId,
      reason: 'attributes of shared images cannot be modified',
    })
  }
  if (change.name && change.name !== image.name) {
    const holder = store.cvmNames.get(owned(account, change.name))
    if (holder && holder !== image) {
      return fault('Duplicate', {
        param: 'imageName',
        value: change.name,
        reason: `image name "${change.name}" is already used by ${holder.imageId}`,
      })
    }
    const before = owned(account, image.name)
    image.name = change.name
    rekey(store.cvmNames, before, owned(account, change.name), image)
  }
  if (change.description !== undefined) image.description = change.description
  return undefined
}
