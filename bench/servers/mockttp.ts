// Peer: mockttp (HTTP Toolkit's mock server), one rule answering the benchmark call.
import { getLocal } from 'mockttp'
import { readServerConfig } from './server-config.ts'

const config = readServerConfig()
// recordTraffic off: the server keeps no copy of each request (its fastest documented setting).
const server = getLocal({ recordTraffic: false })
await server.start(config.port)
await server.forPost('/').thenReply(200, config.body, { 'content-type': config.contentType })
