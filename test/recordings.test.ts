/**
 * The shipped tapes in `recordings/`: recorded by the official SDKs through the recorder against
 * `serve` (`npm run recordings`), unchanged since (drift), replayed to the same SDKs in process and
 * through exactly the README's command line, lint-clean and valid HAR.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { secretsOf, testCredentials } from '../src/client/index.ts'
import { loadReplayTape, startReplayServer } from '../src/replay/index.ts'
import { lintTape, readTape } from '../src/tapes/index.ts'
import { fixtureSessions, type Outcome, outcomeOf } from './support/fixture-sessions.ts'
import { driftView, recordFixtures } from './support/record-fixtures.ts'

const ROOT = join(import.meta.dirname, '..')
const RECORDINGS = join(ROOT, 'recordings')
const shipped = () =>
  readdirSync(RECORDINGS)
    .filter((file) => file.endsWith('.har'))
    .sort()

let fresh: string
let live: Record<string, Outcome[]>
const closers: Array<() => unknown> = []

beforeAll(async () => {
  fresh = mkdtempSync(join(tmpdir(), 'tapedeck-recordings-'))
  live = await recordFixtures(fresh)
}, 60_000)
afterAll(() => rmSync(fresh, { recursive: true, force: true }))
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

/** Outcomes with any local address made one (the upstream's and the replay server's ports differ). */
const unlocal = (outcomes: unknown) =>
  JSON.parse(JSON.stringify(outcomes).replace(/127\.0\.0\.1:\d+/g, '<local>'))

it('recordings/ holds what `npm run recordings` records now (drift: run it and commit recordings/)', async () => {
  expect(shipped(), 'recordings/ holds other tapes than the sessions record').toEqual(
    readdirSync(fresh).sort(),
  )
  for (const file of shipped()) {
    const committed = (await readTape(join(RECORDINGS, file))).tape
    const now = (await readTape(join(fresh, file))).tape
    expect(driftView(committed), `recordings/${file} is stale: run \`npm run recordings\``).toEqual(
      driftView(now),
    )
  }
})

it('the drift check ignores what the SDKs stamp on a call, and sees any other change', async () => {
  const { tape } = await readTape(join(RECORDINGS, 'alibaba-vod.pop-core.har'))
  const copy = () => JSON.parse(JSON.stringify(tape)) as typeof tape
  const stamped = copy()
  const entry = stamped.log.entries[0]!
  entry.request.queryString = entry.request.queryString.map(({ name, value }) => ({
    name,
    value: name === 'Timestamp' || name === 'SignatureNonce' ? 'other' : value,
  }))
  expect(driftView(stamped)).toEqual(driftView(tape))
  const changed = copy()
  changed.log.entries[0]!.response.content.text = '{"RequestId":"FIXTURE-0001"}'
  expect(driftView(changed)).not.toEqual(driftView(tape))
  const renamed = copy()
  renamed.log.entries[1]!._tapedeck.matchKey = renamed.log.entries[1]!._tapedeck.matchKey.replace(
    'vod-image-04',
    'vod-image-09',
  )
  expect(driftView(renamed)).not.toEqual(driftView(tape))
})

it('covers every operation of the catalogue, successes and errors, JSON and XML', async () => {
  const { operations } = await import('../src/catalog/index.ts')
  const entries = (
    await Promise.all(shipped().map((file) => readTape(join(RECORDINGS, file))))
  ).flatMap(({ tape }) => tape.log.entries)
  for (const { id } of operations)
    expect(
      entries.some((entry) => entry._tapedeck.operation === id),
      id,
    ).toBe(true)
  expect(entries.some((entry) => entry.response.status >= 400)).toBe(true)
  expect(entries.some((entry) => entry.response.content.mimeType.includes('xml'))).toBe(true)
})

it('replays every shipped tape to the SDKs that made it, with the answers they got live', async () => {
  const server = await startReplayServer({
    tapes: await Promise.all(shipped().map((file) => loadReplayTape(join(RECORDINGS, file)))),
  })
  closers.push(() => server.close())
  for (const session of fixtureSessions) {
    const replayed: Outcome[] = []
    for (const call of session.calls) replayed.push(await outcomeOf(call, server.url))
    expect(unlocal(replayed), session.tape).toEqual(unlocal(live[session.tape]))
  }
  expect(server.replayer.unplayed().every(({ remaining }) => remaining === 0)).toBe(true)
})

/** Spawns `command` in the repository root, without a shell unless asked; resolves to its URL. */
function start(command: string, args: string[], shell = false) {
  const child = spawn(command, args, { cwd: ROOT, shell, stdio: ['ignore', 'pipe', 'pipe'] })
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  )
  let out = ''
  let err = ''
  child.stderr.on('data', (chunk) => {
    err += chunk
  })
  return new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1]
      if (url) resolve(url)
    })
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}${out}`)))
  })
}

it('`npx tapedeck replay recordings/*.har --port 0`, the glob unexpanded as npm scripts and Windows pass it, serves the SDKs the recorded answers', async () => {
  const url = await start('npx', ['tapedeck', 'replay', 'recordings/*.har', '--port', '0'])
  for (const session of fixtureSessions) {
    const replayed: Outcome[] = []
    for (const call of session.calls) replayed.push(await outcomeOf(call, url))
    expect(unlocal(replayed), session.tape).toEqual(unlocal(live[session.tape]))
  }
}, 60_000)

it('the same command line through a shell (the glob expanded by it) serves them too', async () => {
  const url = await start('npx tapedeck replay recordings/*.har --port 0 --quiet', [], true)
  const [session] = fixtureSessions
  const replayed = [await outcomeOf(session!.calls[0]!, url)]
  expect(unlocal(replayed)).toEqual(unlocal(live[session!.tape]!.slice(0, 1)))
}, 60_000)

it('every shipped tape lints clean, holds no test secret and validates as HAR 1.2 (har-validator)', async () => {
  const validate = await import('har-validator')
  for (const file of shipped()) {
    const loaded = await readTape(join(RECORDINGS, file))
    expect(lintTape(loaded, secretsOf(testCredentials())), file).toEqual([])
    const document = JSON.parse(readFileSync(join(RECORDINGS, file), 'utf8'))
    // har-validator resolves with the document when it is valid and rejects with its errors.
    await expect(validate.har(document), file).resolves.toBe(document)
    // And what the recorder wrote just now (the same path as `tapedeck record`).
    const recorded = JSON.parse(readFileSync(join(fresh, file), 'utf8'))
    await expect(validate.har(recorded), `fresh ${file}`).resolves.toBe(recorded)
  }
})
