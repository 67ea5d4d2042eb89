import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** How a deliberately wrong provider corrupts the answers of a real one. */
export type Corruption = 'drop-field' | 'flatten-list' | 'html' | 'error-as-200'

const corrupt: Record<
  Corruption,
  (r: { status: number; type: string; body: string }) => {
    status: number
    type: string
    body: string
  }
> = {
  // Drops the first result field of every JSON success (NonExistImageIds, codeDesc, MediaId, …).
  'drop-field': (r) => {
    if (r.status !== 200 || !r.type.includes('json')) return r
    const body = JSON.parse(r.body) as Record<string, unknown>
    const field = Object.keys(body).find((key) => !['RequestId', 'code', 'Response'].includes(key))
    if (field) delete body[field]
    return { ...r, body: JSON.stringify(body) }
  },
  // Turns {"ImageId":[…]} into […] and […] into {"Item":[…]}: the list-shape mistake in both directions.
  'flatten-list': (r) => {
    if (!r.type.includes('json')) return r
    const body = JSON.parse(r.body) as Record<string, unknown>
    for (const [key, value] of Object.entries(body)) {
      if (Array.isArray(value)) body[key] = { Item: value }
      else if (value && typeof value === 'object' && !Array.isArray(value) && key !== 'Response') {
        const inner = Object.values(value)[0]
        if (Array.isArray(inner)) body[key] = inner
      }
    }
    return { ...r, body: JSON.stringify(body) }
  },
  html: (r) => ({
    ...r,
    type: 'text/html; charset=utf-8',
    body: `<html><body>${r.body}</body></html>`,
  }),
  'error-as-200': (r) => ({ ...r, status: r.status >= 400 ? 200 : r.status }),
}

/** A proxy in front of a tapedeck server that corrupts vendor answers (admin routes pass through). */
export async function startWrongProvider(upstream: string, corruption: Corruption) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>
    const answer = await fetch(`${upstream}${req.url}`, {
      method: req.method!,
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    })
    const original = {
      status: answer.status,
      type: answer.headers.get('content-type') ?? '',
      body: await answer.text(),
    }
    const out = req.url!.startsWith('/__tapedeck/') ? original : corrupt[corruption](original)
    res.writeHead(out.status, { 'content-type': out.type })
    res.end(out.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
