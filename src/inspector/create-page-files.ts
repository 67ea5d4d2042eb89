import type { Reply } from '../http/index.ts'
import type { WireRequest } from '../protocols/index.ts'
import { loadPageAssets, type PageAssets } from './load-page-assets.ts'

/**
 * No script, style, image or connection from anywhere but this server, no inline script, no
 * framing: the page works offline and a request's contents cannot run in it.
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const PAGE_FILES = ['index.html', 'inspector.js', 'inspector.css', 'favicon.svg']

const PAGE_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
}

/** The prefix every inspector path starts with (the admin API's). */
const PREFIX = '/__tapedeck/'

/**
 * Serves the inspector page's own files under `/__tapedeck/` (the page itself at the prefix);
 * false when the request is not for one of them. The files are read once, on first use.
 */
export function createPageFiles(): (request: WireRequest, reply: Reply) => boolean {
  let assets: PageAssets | undefined
  return (request, reply) => {
    if (request.method !== 'GET') return false
    const name = request.path === PREFIX ? 'index.html' : request.path.slice(PREFIX.length)
    if (!PAGE_FILES.includes(name)) return false
    assets ??= loadPageAssets()
    const asset = assets?.[name]
    if (!asset) {
      reply.send({
        status: 503,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        body: JSON.stringify({
          code: 'E_INSPECTOR_NOT_BUILT',
          message:
            'Failed to serve the inspector: its page is not built; run "npm run build" in the tapedeck checkout',
        }),
      })
      return true
    }
    reply.send({
      status: 200,
      headers: { 'content-type': asset.type, ...PAGE_HEADERS },
      body: asset.body,
    })
    return true
  }
}
