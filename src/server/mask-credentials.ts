import { CREDENTIAL_FIELDS, type SimulatorState } from '../simulator/index.ts'

/** What stands where a credential's secret was in `GET /__tapedeck/state`. */
const MASKED_SECRET = '<redacted>'

type Fields = { id: string; secrets: readonly string[] }
type Row = Record<string, unknown>
const kinds = Object.entries(CREDENTIAL_FIELDS) as [string, Fields][]

/** The state with every credential secret (and a token that is its own id) replaced by the mask. */
export function maskCredentials(state: SimulatorState): unknown {
  const credentials: Record<string, Row[]> = {}
  for (const [kind, { secrets }] of kinds) {
    const rows = (state.credentials as Record<string, Row[]>)[kind] ?? []
    credentials[kind] = rows.map((row) => {
      const masked = { ...row }
      for (const secret of secrets) if (secret in masked) masked[secret] = MASKED_SECRET
      return masked
    })
  }
  return { ...state, credentials }
}

/**
 * A state document for `PUT` with each masked secret put back from the current state: the
 * credential with the same id (a token by its place in the list, as it is its own id). A mask
 * with no secret to stand for is an issue by JSON path, never stored as a secret.
 */
export function unmaskCredentials(
  document: unknown,
  current: SimulatorState,
): { document: unknown; issues: string[] } {
  const credentials = (document as { credentials?: unknown } | null)?.credentials
  if (credentials === null || typeof credentials !== 'object') return { document, issues: [] }
  const issues: string[] = []
  for (const [kind, { id, secrets }] of kinds) {
    const rows = (credentials as Record<string, unknown>)[kind]
    if (!Array.isArray(rows)) continue
    const held = (current.credentials as Record<string, Row[]>)[kind] ?? []
    rows.forEach((row: unknown, index) => {
      if (row === null || typeof row !== 'object') return
      for (const secret of secrets) {
        if ((row as Row)[secret] !== MASKED_SECRET) continue
        const same = secrets.includes(id)
          ? held[index]
          : held.find((one) => one[id] === (row as Row)[id])
        if (same?.[secret] !== undefined) (row as Row)[secret] = same[secret]
        else
          issues.push(
            `credentials.${kind}[${index}].${secret}: "${MASKED_SECRET}" stands for a secret this server holds, but it holds none for this credential; give the secret itself`,
          )
      }
    })
  }
  return { document, issues }
}
