import { isAbsolute, relative, resolve } from 'node:path'
import { InvalidOptionError } from '../errors.ts'

/**
 * Resolves a tape name or path inside `dir`, refusing one that escapes it (`../`, an absolute path
 * elsewhere, a symlink-free `..` chain): tape names come from command lines and test code, and a
 * tape is written as well as read.
 */
export function resolveTapePath(path: string, dir: string, option = '--tape'): string {
  const root = resolve(dir)
  const target = resolve(root, path)
  const inside = relative(root, target)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new InvalidOptionError(
      option,
      `"${path}" is outside the tape directory "${root}" (set --dir to widen it)`,
    )
  }
  return target
}
