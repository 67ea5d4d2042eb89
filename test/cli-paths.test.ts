/**
 * Paths typed on the command line are taken as given: resolved against the working directory,
 * anywhere the user can write (a new directory, `~`), confined only when `--dir` asks for it.
 * Names that come from elsewhere (`withTape`) stay inside their directory (test/tape-tools.test.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { sendWire } from '../src/client/index.ts'
import { readTape } from '../src/tapes/index.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'
import { useBin } from './support/run-cli.ts'
import { startTestServer } from './support/start-test-server.ts'

const run = useBin()
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Records one UpdateImageInfos call through `tapedeck record` run in `cwd`; returns its stdout. */
async function recordOne(cwd: string, args: string[], env: Record<string, string> = {}) {
  const upstream = await startTestServer({ now: Date.now })
  cleanups.push(() => upstream.close())
  const recorder = run(['record', '--upstream', upstream.url, '--port', '0', ...args], env, { cwd })
  const [, url] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const call = imageRequest([{ ImageId: 'vod-image-01', Title: 'paths' }], { now: Date.now })
  expect((await sendWire(url!, call)).status).toBe(200)
  await recorder.waitFor(/ recorded /)
  recorder.child.kill('SIGINT')
  expect(await recorder.exited, recorder.errors()).toBe(0)
  return recorder.output()
}

it('record writes a tape outside the working directory, into a directory it creates', async () => {
  const cwd = tempDir('tapedeck-cwd-')
  const tape = join(tempDir('tapedeck-elsewhere-'), 'new', 'session.har')
  const output = await recordOne(cwd, ['--tape', tape])
  expect(output).toContain(`writing ${tape}\n`)
  expect((await readTape(tape)).tape.log.entries).toHaveLength(1)
})

it('record reads a leading ~ in --tape as the home directory, for a path quoted past the shell', async () => {
  const home = tempDir('tapedeck-home-')
  await recordOne(tempDir('tapedeck-cwd-'), ['--tape', '~/tapes/x.har'], { HOME: home })
  expect((await readTape(join(home, 'tapes', 'x.har'))).tape.log.entries).toHaveLength(1)
})

it('resolves relative --tape and --dir against the working directory, as typed', async () => {
  const cwd = tempDir('tapedeck-cwd-')
  await recordOne(cwd, ['--tape', 'tapes/x.har', '--dir', 'tapes'])
  expect(existsSync(join(cwd, 'tapes', 'x.har'))).toBe(true)
  expect(existsSync(join(cwd, 'tapes', 'tapes'))).toBe(false)
})

it('replay and lint take a relative path outside the working directory; --dir confines on request', async () => {
  const root = tempDir('tapedeck-tree-')
  const cwd = join(root, 'work')
  const other = join(root, 'tapes')
  mkdirSync(cwd)
  mkdirSync(other)
  const item = [{ ImageId: 'vod-image-01', Title: 'a' }]
  writeFileSync(
    join(other, 'one.har'),
    JSON.stringify(buildTape([[imageRequest(item), okResponse('taped')]]).tape),
  )
  const given = `../tapes/one.har`
  const replay = run(['replay', given, '--port', '0', '--quiet'], {}, { cwd })
  const [, url] = await replay.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const hit = await sendWire(url!, imageRequest(item, { now: Date.now }))
  expect(JSON.parse(hit.body)).toMatchObject({ RequestId: 'taped' })
  const lint = run(['lint', given], {}, { cwd })
  expect(await lint.exited, lint.errors()).toBe(0)

  for (const args of [
    ['replay', given, '--dir', '.', '--port', '0'],
    ['lint', given, '--dir', '.'],
    ['record', '--upstream', 'http://127.0.0.1:9', '--tape', given, '--dir', '.', '--port', '0'],
  ]) {
    const refused = run(args, {}, { cwd })
    expect(await refused.exited, args.join(' ')).toBe(2)
    const message = refused.errors().trim()
    expect(message.split('\n'), message).toHaveLength(1)
    expect(message).toContain(`is outside the tape directory "${cwd}" (set --dir to widen it)`)
    expect(message).toContain(`"${join(other, basename(given))}"`)
  }
})
