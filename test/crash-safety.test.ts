import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { readTape } from '../src/tapes/index.ts'

// Kills a process recording through the real tape writer with SIGKILL at 50 seeded-random moments:
// the tape must always be a valid HAR file holding every interaction reported complete before the
// kill. Uses dist/ (built by `npm test` before vitest runs) so each run starts in milliseconds.
const WRITER = join(import.meta.dirname, 'support', 'crash-writer.mjs')
const RUNS = 50

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function killAtRandom(file: string, delayMs: number): Promise<string[]> {
  const child = spawn(process.execPath, [WRITER, file], { stdio: ['ignore', 'pipe', 'inherit'] })
  const done: string[] = []
  let buffered = ''
  let started: () => void
  const first = new Promise<void>((resolve) => {
    started = resolve
  })
  child.stdout.on('data', (chunk) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines) if (line.startsWith('done ')) done.push(line.slice(5))
    if (done.length > 0) started()
  })
  const exited = new Promise((resolve) => child.on('exit', resolve))
  await first
  await new Promise((resolve) => setTimeout(resolve, delayMs))
  child.kill('SIGKILL')
  await exited
  return done
}

it(`leaves a valid tape with every completed interaction after ${RUNS} SIGKILLs at random moments`, {
  timeout: 120_000,
}, async () => {
  const random = mulberry32(20261123)
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-kill-'))
  const runs = Array.from({ length: RUNS }, (_, i) => ({
    file: join(dir, `tape-${i}.har`),
    delayMs: Math.floor(random() * 60),
  }))
  let checked = 0
  for (let batch = 0; batch < runs.length; batch += 5) {
    await Promise.all(
      runs.slice(batch, batch + 5).map(async ({ file, delayMs }) => {
        const completed = await killAtRandom(file, delayMs)
        const { tape } = await readTape(file)
        const titles = tape.log.entries.map(
          (entry) => JSON.parse(entry._tapedeck.matchKey).params.UpdateContent[0].Title,
        )
        expect(titles.slice(0, completed.length), `${file} after ${delayMs} ms`).toEqual(completed)
        checked++
      }),
    )
  }
  expect(checked).toBe(RUNS)
})
