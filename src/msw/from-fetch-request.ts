import type { WireRequest } from '../protocols/index.ts'

/** The pipeline's view of a Web `Request` (what MSW hands a resolver). */
export async function fromFetchRequest(request: Request): Promise<WireRequest> {
  const url = new URL(request.url)
  const headers: Record<string, string> = {}
  request.headers.forEach((value, name) => {
    headers[name] = value
  })
  // Fetch requests carry no Host header; the schemes that sign it need the one the client meant.
  headers['host'] ??= url.host
  return {
    method: request.method,
    path: url.pathname,
    query: url.search.slice(1),
    headers,
    body: Buffer.from(await request.arrayBuffer()),
  }
}
