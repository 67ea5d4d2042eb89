import { builtInRegistry, type Registry } from '../protocols/index.ts'
import { createLeakScanner } from './create-leak-scanner.ts'
import { readTapeText } from './read-tape-text.ts'

/**
 * The kinds of leak a tape file already holds (configured secrets, vendor key shapes), each once,
 * never the value: what a recording that appends to it would write again. A HAR file of another
 * recorder usually holds its calls' key ids; `tapedeck import` writes one without them.
 */
export async function findTapeLeaks(
  file: string,
  secrets: Iterable<string>,
  registry: Registry = builtInRegistry,
): Promise<string[]> {
  const text = await readTapeText(file)
  const leaks = createLeakScanner(secrets, registry).scan(text)
  return [...new Set(leaks.map((leak) => leak.kind))]
}
