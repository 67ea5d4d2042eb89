import { readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { type RunningCli, runCli } from './support/run-cli.ts'

// A chunked upload whose bytes are almost all chunk extensions must cost the server memory by its
// body, not by the bytes on the wire: the hand-written door grew ~190 MB for 153 MB of them.
let server: RunningCli | undefined
afterEach(() => {
  server?.child.kill('SIGKILL')
})

const rssKb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])

it('keeps memory bounded by the body, not by 64 MB of chunk extensions', {
  timeout: 60_000,
}, async () => {
  server = runCli(['serve', '--port', '0', '--quiet', '--auth', 'off'], {}, { bin: true })
  const [, port] = await server.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)
  const pid = server.child.pid!
  const before = rssKb(pid)
  const chunk = Buffer.from(`1;x=${'a'.repeat(8000)}\r\nz\r\n`)
  const answer = await new Promise<string>((resolve, reject) => {
    let text = ''
    const socket = connect(Number(port), '127.0.0.1', async () => {
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n')
      for (let sent = 0; sent < 64 * 1024 * 1024; sent += chunk.length) {
        if (!socket.write(chunk)) await new Promise((go) => socket.once('drain', go))
      }
      socket.write('0\r\n\r\n')
    })
    socket.setEncoding('latin1')
    socket.on('data', (data: string) => {
      text += data
      if (/\r\n\r\n[\s\S]*\}$/.test(text)) socket.destroy()
    })
    socket.on('close', () => resolve(text))
    socket.on('error', reject)
  })
  // Read in full (8,200 one-byte chunks), then answered in the vendor's envelope.
  expect(answer).toMatch(/^HTTP\/1\.1 \d{3} /)
  const grownMb = (rssKb(pid) - before) / 1024
  console.log(`rss grew ${grownMb.toFixed(1)} MB`)
  expect(grownMb).toBeLessThan(32)
})
