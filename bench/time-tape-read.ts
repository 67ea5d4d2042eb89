/**
 * Times the streaming tape reader on a big tape: `node --import tsx bench/time-tape-read.ts
 * [interactions] [runs]` (100,000 and 3 by default). Writes the tape twice, as `writeTape` writes it
 * (indented) and as `npm run bench` does (one line), then in a fresh process per run times, on each:
 * the replay load (`loadReplayTape`), a stream of every entry in full (`streamTape`), and the record
 * fold of one journaled interaction (`foldJournal`, `append`: found after the last entry, every
 * byte of the tape copied). Prints one JSON line per run and the medians.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadReplayTape } from '../src/replay/index.ts'
import { foldJournal, journalPath, streamTape, writeTape } from '../src/tapes/index.ts'
import { makeTape } from './make-tape.ts'

type Times = {
  loadMs: number
  streamMs: number
  foldMs: number
  loadCpuMs: number
  streamCpuMs: number
  foldCpuMs: number
}
const FORMATS = ['indented', 'one-line'] as const

if (process.argv[2] === 'measure') {
  console.log(JSON.stringify(await measure(process.argv[3]!)))
} else {
  const count = Number(process.argv[2] ?? 100_000)
  const runs = Number(process.argv[3] ?? 3)
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-tape-read-'))
  const tape = makeTape(count)
  const files = { indented: join(dir, 'indented.har'), 'one-line': join(dir, 'one-line.har') }
  await writeTape(files.indented, tape)
  writeFileSync(files['one-line'], JSON.stringify(tape))
  const results: Record<string, Times[]> = { indented: [], 'one-line': [] }
  for (let run = 0; run < runs; run++)
    for (const format of FORMATS) {
      // A fresh process per measurement: building the tape and earlier runs do not count.
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), 'measure', files[format]],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      )
      if (child.status !== 0) throw new Error(`Failed to measure ${format}: ${child.stdout}`)
      const times = JSON.parse(child.stdout) as Times
      results[format]!.push(times)
      console.log(JSON.stringify({ run, format, ...times }))
    }
  for (const format of FORMATS) {
    const median = (key: keyof Times) => {
      const sorted = results[format]!.map((times) => times[key]).sort((a, b) => a - b)
      return sorted[Math.floor(sorted.length / 2)]
    }
    const mb = Math.round(statSync(files[format]).size / 2 ** 20)
    console.log(
      JSON.stringify({
        median: format,
        interactions: count,
        fileMB: mb,
        loadMs: median('loadMs'),
        streamMs: median('streamMs'),
        foldMs: median('foldMs'),
        loadCpuMs: median('loadCpuMs'),
        streamCpuMs: median('streamCpuMs'),
        foldCpuMs: median('foldCpuMs'),
      }),
    )
  }
  rmSync(dir, { recursive: true, force: true })
}

async function measure(file: string): Promise<Times> {
  // Wall time, and the process's CPU time beside it (less moved by other work on the machine).
  const cpu: Record<string, number> = {}
  const timed = async (work: () => Promise<unknown>, name: string) => {
    const start = performance.now()
    const startCpu = process.cpuUsage()
    await work()
    const used = process.cpuUsage(startCpu)
    cpu[name] = Math.round((used.user + used.system) / 1000)
    return Math.round(performance.now() - start)
  }
  const loadMs = await timed(() => loadReplayTape(file), 'loadCpuMs')
  let entries = 0
  const streamMs = await timed(() => streamTape(file, () => (entries += 1)), 'streamCpuMs')
  // The fold works on a copy with a journal of one interaction beside it, as a killed recorder
  // leaves it (`append`: the tape's size when the journal began).
  const copy = `${file}.fold.har`
  copyFileSync(file, copy)
  const [entry] = makeTape(1).log.entries
  const header = {
    tapedeckJournal: 1,
    base: 'append',
    createdAt: 'x',
    baseBytes: statSync(copy).size,
  }
  writeFileSync(journalPath(copy), `${JSON.stringify(header)}\n${JSON.stringify(entry)}\n`)
  let folded: number | undefined
  const foldMs = await timed(async () => {
    folded = await foldJournal(copy)
  }, 'foldCpuMs')
  rmSync(copy)
  if (folded !== 1 || entries === 0)
    throw new Error(`Failed: folded ${folded}, streamed ${entries}`)
  return { loadMs, streamMs, foldMs, ...cpu } as Times
}
