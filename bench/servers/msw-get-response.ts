// Peer: MSW request handlers, called through getResponse() from a node:http server (what the MSW
// docs suggest for serving handlers on a port; @mswjs/http-middleware is the other, slower way).
import { createServer } from 'node:http'
import { getResponse, HttpResponse, http } from 'msw'
import { readServerConfig } from './server-config.ts'

const config = readServerConfig()
// Handlers are written for the vendor's host, as in a test suite; the door rewrites the origin.
const ORIGIN = 'https://cvm.tencentcloudapi.com'
const handlers = [
  http.post(
    `${ORIGIN}/`,
    () => new HttpResponse(config.body, { headers: { 'content-type': config.contentType } }),
  ),
]

createServer(async (message, response) => {
  const chunks: Buffer[] = []
  for await (const chunk of message) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(message.headers))
    if (typeof value === 'string' && name !== 'host') headers.set(name, value)
  const hasBody = message.method !== 'GET' && message.method !== 'HEAD'
  const request = new Request(`${ORIGIN}${message.url ?? '/'}`, {
    method: message.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  })
  const answer = await getResponse(handlers, request)
  if (!answer) {
    response.writeHead(404).end()
    return
  }
  const body = Buffer.from(await answer.arrayBuffer())
  response.writeHead(answer.status, {
    ...Object.fromEntries(answer.headers),
    'content-length': body.length,
  })
  response.end(body)
}).listen(config.port, '127.0.0.1')
