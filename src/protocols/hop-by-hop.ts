/**
 * Fields that describe one connection, not the message (RFC 9110 §7.6.1): a proxy never forwards
 * them, a tape never keeps them, a door writes its own.
 */
const HOP_BY_HOP_FIELDS: readonly string[] = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]

/** The hop-by-hop fields of a message: the fixed ones, `content-length` if asked, and those its `Connection` names. */
export function hopByHop(
  connection: string | readonly string[] | undefined,
  { framing = false }: { framing?: boolean } = {},
): Set<string> {
  const fields = new Set(HOP_BY_HOP_FIELDS)
  if (framing) fields.add('content-length')
  if (connection === undefined) return fields
  for (const token of (typeof connection === 'string' ? connection : connection.join(',')).split(
    ',',
  )) {
    const name = token.trim().toLowerCase()
    if (name) fields.add(name)
  }
  return fields
}
