// The floor: a bare node:http server answering every request with the same bytes.
import { createServer } from 'node:http'
import { readServerConfig } from './server-config.ts'

const config = readServerConfig()
const body = Buffer.from(config.body)
const headers = { 'content-type': config.contentType, 'content-length': body.length }

createServer((_message, response) => {
  response.writeHead(200, headers)
  response.end(body)
}).listen(config.port, '127.0.0.1')
