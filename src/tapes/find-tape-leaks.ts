import { readFile } from 'node:fs/promises'
import { TapedeckError } from '../errors.ts'
import { createLeakScanner } from './create-leak-scanner.ts'

/**
 * The kinds of leak a tape file already holds (configured secrets, vendor key shapes), each once,
 * never the value: what a recording that appends to it would write again. A HAR file of another
 * recorder usually holds its calls' key ids; `tapedeck import` writes one without them.
 */
export async function findTapeLeaks(file: string, secrets: Iterable<string>): Promise<string[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new TapedeckError(
      'E_INVALID_TAPE',
      `Failed to load tape "${file}": ${(error as Error).message}`,
      { cause: error },
    )
  }
  const leaks = createLeakScanner(secrets).scan(text)
  return [...new Set(leaks.map((leak) => leak.kind))]
}
