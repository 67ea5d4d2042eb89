import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { globSync, isDynamicPattern } from 'tinyglobby'
import { InvalidOptionError } from '../errors.ts'

/**
 * Tape arguments with the wildcards a shell would have expanded expanded here: `recordings/*.har`
 * reaches a command unexpanded from npm scripts, Windows shells, `spawn` without a shell, or a
 * quoted argument. Matches come sorted, relative to the working directory like a shell's; a file
 * whose name really contains a wildcard is taken as named. A pattern that matches nothing is a
 * usage error (a shell would pass it on literally and the command would fail on a missing file).
 */
export function expandTapeGlobs(tapes: readonly string[], cwd = process.cwd()): string[] {
  return tapes.flatMap((tape) => {
    if (!isDynamicPattern(tape) || existsSync(resolve(cwd, tape))) return [tape]
    const found = globSync(tape, { cwd, onlyFiles: true, expandDirectories: false }).sort()
    if (found.length === 0)
      throw new InvalidOptionError(
        'TAPES',
        `no file matches "${tape}"; give tape files or a pattern that matches some`,
      )
    return found
  })
}
