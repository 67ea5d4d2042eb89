import { type Fault, fault } from '../catalog/index.ts'

/**
 * A MethodNotAllowed naming the methods a scheme takes, or undefined when `method` is one of them.
 * @example checkMethod('PUT', ['GET', 'POST']) // { kind: 'MethodNotAllowed', reason: 'PUT is not supported, use GET or POST' }
 */
export function checkMethod(method: string, allowed: readonly string[]): Fault | undefined {
  if (allowed.includes(method)) return undefined
  return fault('MethodNotAllowed', {
    reason: `${method} is not supported, use ${allowed.join(' or ')}`,
  })
}
