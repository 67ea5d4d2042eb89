import type { IncomingMessage } from 'node:http'

/**
 * Reads a request body up to `limit` bytes. Past the limit it stops buffering and resolves
 * `undefined`, so an oversize body never fills memory. Chunked bodies (the Tea clients) work too.
 */
export function readBody(message: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(message.headers['content-length'] ?? 0)
  if (declared > limit) {
    message.resume()
    return Promise.resolve(undefined)
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    message.on('data', (chunk: Buffer) => {
      if (over) return
      size += chunk.length
      if (size > limit) {
        over = true
        chunks.length = 0
        resolve(undefined)
        return
      }
      chunks.push(chunk)
    })
    message.on('end', () => {
      if (!over) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))
    })
    message.on('error', reject)
  })
}
