// A second floor, for reference: a bare node:net responder that answers each request it finds in
// the bytes with the same fixed response, parsing nothing but the head's end. It is the machine's
// limit for this answer, so the table shows how far node:http itself sits from it.
import { createServer } from 'node:net'
import { readServerConfig } from './server-config.ts'

const config = readServerConfig()
const body = Buffer.from(config.body)
const answer = Buffer.concat([
  Buffer.from(
    `HTTP/1.1 200 OK\r\ncontent-type: ${config.contentType}\r\ncontent-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n`,
  ),
  body,
])

createServer({ noDelay: true }, (socket) => {
  let tail = ''
  socket.setEncoding('latin1')
  socket.on('data', (chunk: string) => {
    // Requests carry no body in the benchmark: one answer per blank line that ends a head.
    const text = tail + chunk
    let count = 0
    let at = text.indexOf('\r\n\r\n')
    let last = 0
    while (at !== -1) {
      count++
      last = at + 4
      at = text.indexOf('\r\n\r\n', last)
    }
    tail = text.slice(last)
    if (count === 1) socket.write(answer)
    else if (count > 1) socket.write(Buffer.concat(Array.from({ length: count }, () => answer)))
  })
  socket.on('error', () => undefined)
}).listen(config.port, '127.0.0.1')
