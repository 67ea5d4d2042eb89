import { isAbsolute, relative, resolve } from 'node:path'
import { InvalidOptionError } from '../errors.ts'

/**
 * Resolves a tape name or path inside `dir`, refusing one that escapes it (`../`, an absolute path
 * elsewhere, a symlink-free `..` chain): tape names that come from test code (`withTape`) or over
 * HTTP, and paths a user confined on purpose (`--dir`); a tape is written as well as read.
 * `option` names what gave the path and `dirOption` what sets `dir`, in the door's own words.
 */
export function resolveTapePath(
  path: string,
  dir: string,
  option = '--tape',
  dirOption = '--dir',
): string {
  const root = resolve(dir)
  const target = resolve(root, path)
  const inside = relative(root, target)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new InvalidOptionError(
      option,
      `"${path}" is outside the tape directory "${root}" (set ${dirOption} to widen it)`,
    )
  }
  return target
}
