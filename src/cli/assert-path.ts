import { stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { InvalidOptionError } from '../errors.ts'

/**
 * What a path option must name: an existing `file` or `directory`, a directory to create if
 * missing (`new-directory`), or a file to write whose directory exists (`new-file`).
 */
export type PathKind = 'file' | 'directory' | 'new-directory' | 'new-file'

const HINTS: Record<PathKind, string> = {
  file: 'give the path of an existing file',
  directory: 'give the path of an existing directory',
  'new-directory': 'give a directory path (created if missing)',
  'new-file': 'give a file path in an existing directory',
}

/** Checks a path option before a command acts on it, so a mistake is one usage error, not a trace. */
export async function assertPath(option: string, path: string, kind: PathKind): Promise<string> {
  const target = kind === 'new-file' ? dirname(path) : path
  const named = target === path ? `"${path}"` : `the directory "${target}" of "${path}"`
  const found = await stat(target).catch(() => undefined)
  if (found === undefined) {
    if (kind === 'new-directory') return path
    throw new InvalidOptionError(option, `${named} does not exist; ${HINTS[kind]}`)
  }
  const isFile = kind === 'file'
  if (isFile ? !found.isFile() : !found.isDirectory()) {
    throw new InvalidOptionError(
      option,
      `${named} is not a ${isFile ? 'file' : 'directory'}; ${HINTS[kind]}`,
    )
  }
  return path
}
