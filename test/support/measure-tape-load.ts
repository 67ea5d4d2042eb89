/**
 * Measures loading and replaying a big tape: `node --expose-gc --import tsx
 * test/support/measure-tape-load.ts 100000`. Prints load time, RSS and the per-request cost of a
 * hit (engine only, no socket) and of a miss (near-miss search over the operation's recordings).
 */
import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createReplayer, loadReplayTape } from '../../src/replay/index.ts'
import { imageRequest } from './build-tape.ts'
import { writeBigTape } from './write-big-tape.ts'

const count = Number(process.argv[2] ?? 100_000)
const file = join(tmpdir(), `tapedeck-big-${count}.har`)
if (process.argv[3] !== 'load') {
  // Write the tape here, then measure in a fresh process so building it does not count.
  await writeBigTape(file, count)
  const script = fileURLToPath(import.meta.url)
  spawnSync(process.execPath, [...process.execArgv, script, String(count), 'load'], {
    stdio: 'inherit',
  })
  process.exit(0)
}
const mb = (bytes: number) => Math.round(bytes / 2 ** 20)
const rssBefore = process.memoryUsage().rss
const times: number[] = []
// Loading inside a function: a top-level await would keep the parsed tape alive in its frame.
async function load() {
  times.push(performance.now())
  const loaded = await loadReplayTape(file)
  times.push(performance.now())
  const engine = createReplayer({ tapes: [loaded] })
  times.push(performance.now())
  return engine
}
const replayer = await load()
const [t0 = 0, t1 = 0, t2 = 0] = times
const rssPeak = process.memoryUsage().rss
;(globalThis as { gc?: () => void }).gc?.()
const requests = Array.from({ length: 5000 }, (_, i) =>
  imageRequest([{ ImageId: 'vod-image-01', Title: `title-${(i * 7919) % count}` }]),
)
for (const request of requests.slice(0, 500)) await replayer.handle(request)
const t3 = performance.now()
for (const request of requests) {
  if ((await replayer.handle(request)).nearMiss) throw new Error('unexpected miss')
}
const t4 = performance.now()
await replayer.handle(imageRequest([{ ImageId: 'vod-image-01', Title: 'not recorded' }]))
const t5 = performance.now()
console.log(
  JSON.stringify({
    interactions: count,
    fileMB: mb(statSync(file).size),
    readAndValidateMs: Math.round(t1 - t0),
    indexMs: Math.round(t2 - t1),
    rssBeforeMB: mb(rssBefore),
    rssAfterLoadMB: mb(rssPeak),
    heapAfterGcMB: mb(process.memoryUsage().heapUsed),
    hitMicroseconds: Number((((t4 - t3) * 1000) / requests.length).toFixed(1)),
    missMilliseconds: Number((t5 - t4).toFixed(1)),
  }),
)
