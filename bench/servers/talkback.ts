// Peer: talkback replaying one tape (record off), matching on method, URL, body and two headers.
import talkbackModule from 'talkback'
import { readServerConfig } from './server-config.ts'

// Its CommonJS entry replaces module.exports with the function; its types describe exports.default.
const talkback = talkbackModule as unknown as typeof talkbackModule.default
const config = readServerConfig()
const server = talkback({
  host: 'http://127.0.0.1:9',
  port: config.port,
  path: config.dir,
  record: talkback.Options.RecordMode.DISABLED,
  fallbackMode: talkback.Options.FallbackMode.NOT_FOUND,
  // The signature and its timestamp change on every signing: match on what identifies the call.
  allowHeaders: ['content-type', 'x-tc-action'],
  silent: true,
  summary: false,
})
await server.start()
