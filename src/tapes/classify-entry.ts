import { isFault } from '../catalog/index.ts'
import { builtInRegistry, type Registry } from '../protocols/index.ts'
import { canonicalRequest, readRequest } from './canonical-key.ts'
import { entryRequest } from './create-entry.ts'
import type { HarEntry, TapeEntry } from './tape-schema.ts'

/** An entry of a HAR file that is no call tapedeck knows, and why (`log.entries[entry]`). */
export type SkippedEntry = { entry: number; reason: string }

/**
 * Reads one HAR entry as a tape entry. An entry tapedeck wrote (with `_tapedeck`) is taken as it is;
 * one from another recorder (Polly.JS, devtools, mitmproxy, …) is classified through the catalogue,
 * like a request arriving at replay: its operation and canonical match key are computed from its
 * request, and its response is made one replay can send as it stands (HTTP/2 pseudo-headers become
 * `host`; a `content-encoding` the recorder already decoded the text of is dropped). Fields of other
 * recorders (`_id`, `_fromType`, `_resourceType`, …) are ignored. What is not a known call, or has no
 * response, comes back as a reason that names the request by method, host and path (never its query
 * or headers: they may hold a signature or a key id).
 */
export function classifyEntry(
  entry: HarEntry,
  registry: Registry = builtInRegistry,
): { entry: TapeEntry } | { reason: string } {
  if (entry.response.status < 100)
    return {
      reason: `${describe(entry)}: no response was recorded (status ${entry.response.status})`,
    }
  if (entry._tapedeck) return { entry: entry as TapeEntry }
  let url: URL
  try {
    url = new URL(entry.request.url)
  } catch {
    return {
      reason: `${entry.request.method} ${entry.request.url.slice(0, 80)}: its URL is not absolute`,
    }
  }
  const request = foreignRequest(entry, url)
  const wire = entryRequest(request)
  const canonical = canonicalRequest(wire, readRequest(wire, registry))
  if (!canonical) return { reason: `${describe(entry)}: ${whyUnknown(wire, registry)}` }
  return {
    entry: {
      ...(entry as TapeEntry),
      request: request.request as TapeEntry['request'],
      response: foreignResponse(entry),
      _tapedeck: {
        operation: canonical.operation,
        recordedAt: entry.startedDateTime,
        matchKey: JSON.stringify(canonical),
        redactions: [],
      },
    },
  }
}

/** The request with HTTP/2 pseudo-headers dropped and a `host` (from `:authority` or the URL). */
function foreignRequest(entry: HarEntry, url: URL): Pick<HarEntry, 'request'> {
  const headers = entry.request.headers.filter(({ name }) => !name.startsWith(':'))
  if (!headers.some(({ name }) => name.toLowerCase() === 'host')) {
    const authority = entry.request.headers.find(({ name }) => name === ':authority')?.value
    headers.push({ name: 'host', value: authority ?? url.host })
  }
  return { request: { ...entry.request, headers } }
}

/** Recorders keep the decoded text of a compressed body: its coding and length no longer apply. */
function foreignResponse(entry: HarEntry): TapeEntry['response'] {
  const { response } = entry
  if (response.content.encoding === 'base64') return response
  const stale = new Set(['content-encoding', 'content-length', 'transfer-encoding'])
  return {
    ...response,
    headers: response.headers.filter(({ name }) => !stale.has(name.toLowerCase())),
  }
}

function whyUnknown(request: ReturnType<typeof entryRequest>, registry: Registry): string {
  const protocol = registry.protocols.find((candidate) => candidate.claims(request))
  if (!protocol) return 'not a call of any scheme tapedeck knows'
  const call = protocol.parse(request)
  if (isFault(call)) return `a ${protocol.id} request tapedeck cannot read (${call.kind})`
  return `${protocol.id} action "${call.action}" is not an operation of the catalogue`
}

function describe(entry: HarEntry): string {
  try {
    const url = new URL(entry.request.url)
    return `${entry.request.method} ${url.origin}${url.pathname}`
  } catch {
    return `${entry.request.method} ${entry.request.url.slice(0, 80)}`
  }
}
