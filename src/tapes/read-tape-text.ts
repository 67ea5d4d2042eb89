import { readFile } from 'node:fs/promises'
import { TapedeckError } from '../errors.ts'

/** A tape file's text; a file that cannot be read is `E_INVALID_TAPE` naming it. */
export async function readTapeText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new TapedeckError(
      'E_INVALID_TAPE',
      `Failed to load tape "${file}": ${(error as Error).message}`,
      { cause: error },
    )
  }
}
