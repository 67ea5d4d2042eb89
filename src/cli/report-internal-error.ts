import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * An error nobody expected (a bug, or a failure no edge check knew of): writes the command line and
 * the full trace to `tapedeck-error-<pid>-<ms>.log` in `dir` for the bug report, and returns the one
 * line the user sees, naming that file.
 */
export function reportInternalError(
  error: unknown,
  args: readonly string[],
  dir: string = tmpdir(),
): string {
  const message = firstLine(error instanceof Error ? error.message : String(error))
  const trace = error instanceof Error ? (error.stack ?? error.message) : String(error)
  const file = join(dir, `tapedeck-error-${process.pid}-${Date.now()}.log`)
  const head = `Failed to run "tapedeck ${args[0] ?? ''}": ${message} (an internal error;`
  try {
    writeFileSync(file, `tapedeck ${args.join(' ')}\n${trace}\n`)
  } catch (writing) {
    // Still one line: the trace is lost, so say why, and the user can rerun to reproduce it.
    return `${head} its trace could not be written to "${file}": ${firstLine(String(writing))})`
  }
  return `${head} the full trace is in ${file})`
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? ''
}
