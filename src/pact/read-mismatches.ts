import type { Mismatch } from './verify-provider.ts'

/**
 * Reads the verifier's failure report (JSON when the FFI returns it, text otherwise) into
 * mismatches per interaction description.
 */
export function readMismatches(
  message: string,
  interactions: { description: string }[],
): Map<string, Mismatch[]> {
  const out = new Map<string, Mismatch[]>()
  let parsed: unknown
  try {
    parsed = JSON.parse(message)
  } catch {
    parsed = undefined
  }
  const entries = Array.isArray(parsed)
    ? parsed
    : (parsed as { errors?: unknown[] } | undefined)?.errors
  if (Array.isArray(entries)) {
    for (const entry of entries as {
      interaction?: string
      mismatch?: {
        mismatches?: (Mismatch & Record<string, unknown>)[]
        message?: string
        type?: string
      }
    }[]) {
      // The verifier names an interaction "Verifying a pact between … - <description>".
      const label = entry.interaction ?? ''
      const match =
        interactions.find((i) => label.endsWith(` - ${i.description}`)) ??
        interactions.find((i) => label.includes(i.description))
      const description = match?.description ?? label
      const list = entry.mismatch?.mismatches ?? [
        { message: entry.mismatch?.message ?? JSON.stringify(entry.mismatch) },
      ]
      out.set(description, [...(out.get(description) ?? []), ...list.map(normalise)])
    }
    return out
  }
  // No structured report: attribute the failure to every interaction named in the text, or to all.
  const named = interactions.filter((i) => message.includes(i.description))
  for (const interaction of named.length > 0 ? named : interactions)
    out.set(interaction.description, [{ message }])
  return out
}

function normalise(mismatch: Mismatch & Record<string, unknown>): Mismatch {
  const text = (value: unknown) =>
    value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value)
  return {
    ...(mismatch.path === undefined ? {} : { path: String(mismatch.path) }),
    ...(mismatch.expected === undefined ? {} : { expected: text(mismatch.expected)! }),
    ...(mismatch.actual === undefined ? {} : { actual: text(mismatch.actual)! }),
    message: String(mismatch.mismatch ?? mismatch.message ?? mismatch.type ?? 'mismatch'),
  }
}
