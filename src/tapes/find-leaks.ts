import { builtInRegistry, type Registry, type SecretFields } from '../protocols/index.ts'

type KeyShape = SecretFields['keyShapes'][number]

/**
 * The last line of defence before a write: looks for every configured secret value (raw and
 * URL-encoded) and for the key id shapes the registered schemes declare. A hit refuses the write;
 * the report names what kind of value leaked, never the value.
 */

/** Secrets shorter than this are not scanned (they would match ordinary text). */
export const MIN_SECRET_LENGTH = 6

/** The kind reported for a configured secret or a removed value found in text. */
export const SECRET_LEAK = 'a configured secret or a value redacted from a request'

/** What leaked, for a message: the kind and where, never the secret itself. */
export type Leak = { kind: string; at: number }

/** Lists leaks in `text`: configured secrets (exact or URL-encoded) and vendor key patterns. */
export function findLeaks(
  text: string,
  secrets: Iterable<string>,
  registry: Registry = builtInRegistry,
): Leak[] {
  const leaks: Leak[] = []
  for (const secret of secrets) {
    for (const form of leakForms(secret)) {
      const at = text.indexOf(form)
      if (at !== -1) leaks.push({ kind: SECRET_LEAK, at })
    }
  }
  leaks.push(...findKeyShapes(text, keyShapesOf(registry)))
  return leaks
}

/**
 * The spellings of a secret the scan looks for (raw, URL-encoded, inside a JSON string); none for
 * a value too short to scan or a redaction placeholder.
 */
export function leakForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH || secret.startsWith('redacted:')) return []
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])]
}

/** The key id shapes the registered schemes declare (`LTAI…`), each once (two schemes may share one). */
export function keyShapesOf(registry: Registry): KeyShape[] {
  const byName = new Map<string, KeyShape>()
  for (const protocol of registry.protocols)
    for (const shape of protocol.secrets.keyShapes)
      if (!byName.has(shape.name)) byName.set(shape.name, shape)
  return [...byName.values()]
}

/** Lists the key id shapes found in `text`. */
export function findKeyShapes(text: string, shapes: readonly KeyShape[]): Leak[] {
  const leaks: Leak[] = []
  for (const { name, pattern } of shapes) {
    const match = pattern.exec(text)
    if (match) leaks.push({ kind: name, at: match.index })
  }
  return leaks
}
