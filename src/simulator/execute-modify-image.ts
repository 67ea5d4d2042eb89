import type { z } from 'zod'
import { fault, type modifyImage } from '../catalog/index.ts'
import { owned } from './create-store.ts'
import type { Executor } from './execute-context.ts'

/**
 * Huawei ImageSearch modify: the instance must exist in the caller's project, the image (`path`)
 * must be in its library, and every tag key must already be defined on the instance. The image's
 * tags are replaced by the ones sent.
 */
export const executeModifyImage: Executor<z.output<typeof modifyImage.input>> = (
  input,
  { store, scope },
) => {
  const project = scope['project_id'] ?? ''
  const name = scope['instance_name'] ?? ''
  const instance = store.instances.get(owned(project, name))
  if (!instance) return { ok: false, fault: fault('InstanceNotFound', { value: name }) }
  const image = instance.images.find((candidate) => candidate.path === input.path)
  if (!image) return { ok: false, fault: fault('NotFound', { value: input.path }) }
  const undefinedKey = Object.keys(input.tags).find((key) => !instance.tagKeys.includes(key))
  if (undefinedKey !== undefined) {
    return { ok: false, fault: fault('TagKeyUndefined', { param: 'tags', value: undefinedKey }) }
  }
  image.tags = { ...input.tags }
  return { ok: true, result: {} }
}
