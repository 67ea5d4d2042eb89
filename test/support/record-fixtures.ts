/**
 * Records the shipped tapes (`recordings/`): each session of `fixtureSessions` is played by its SDK
 * through the recorder (`startRecorder`, what `tapedeck record` runs) against `serve` on defaults.
 * The recorder re-signs every call for the upstream, so the recorder and the server share one fixed
 * clock and the server numbers its request ids: what the tapes hold depends only on the calls, except
 * the fields the SDKs stamp themselves (timestamps, nonces, signatures, user agents), which the drift
 * check leaves out (`driftView`).
 */
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { testCredentials } from '../../src/client/index.ts'
import { startRecorder } from '../../src/record/index.ts'
import { startServer } from '../../src/server/index.ts'
import { readTape, type Tape, type TapeEntry } from '../../src/tapes/index.ts'
import { fixtureSessions, type Outcome, outcomeOf } from './fixture-sessions.ts'

/** The instant every shipped tape is recorded at. */
const FIXTURE_CLOCK = Date.parse('2026-12-01T00:00:00Z')

/** Records every session into `dir`; returns each call's outcome, by tape, in call order. */
export async function recordFixtures(dir: string): Promise<Record<string, Outcome[]>> {
  const outcomes: Record<string, Outcome[]> = {}
  let ids = 0
  const now = () => FIXTURE_CLOCK
  // One server for all sessions: the state each call leaves is the next one's (as in a session).
  const server = await startServer({
    port: 0,
    now,
    requestId: () => `FIXTURE-${String(++ids).padStart(4, '0')}`,
  })
  try {
    for (const session of fixtureSessions) {
      const tape = join(dir, session.tape)
      await rm(tape, { force: true })
      const recorder = await startRecorder({
        upstream: server.url,
        tape,
        port: 0,
        credentials: testCredentials(),
        now,
      })
      const list: Outcome[] = []
      try {
        for (const call of session.calls) list.push(await outcomeOf(call, recorder.url))
      } finally {
        await recorder.close()
      }
      outcomes[session.tape] = list
    }
  } finally {
    await server.close()
  }
  return outcomes
}

/**
 * What must not drift: everything but what the SDKs stamp on each call (timestamps, nonces,
 * signatures, trace ids, user agents: the values of request fields outside the match key), the
 * response's `date`, and the port the throwaway upstream listened on.
 */
export function driftView(tape: Tape) {
  const upstream = tape.log._tapedeck?.upstream ?? ''
  const host = upstream === '' ? '' : new URL(upstream).host
  const unport = (text: string) => (host === '' ? text : text.split(host).join('<upstream>'))
  return {
    creator: tape.log.creator,
    createdAt: tape.log._tapedeck?.createdAt,
    entries: tape.log.entries.map((entry: TapeEntry) => ({
      startedDateTime: entry.startedDateTime,
      method: entry.request.method,
      path: new URL(entry.request.url).pathname,
      query: entry.request.queryString.map(({ name }) => name),
      headers: entry.request.headers.map(({ name }) => name),
      status: entry.response.status,
      responseHeaders: entry.response.headers
        .filter(({ name }) => name !== 'date')
        .map(({ name, value }) => `${name}: ${unport(value)}`),
      body: unport(entry.response.content.text ?? ''),
      _tapedeck: entry._tapedeck,
    })),
  }
}

/**
 * `npm run recordings`: records every session into a scratch directory and copies into `dir` only
 * the tapes whose `driftView` changed (or that are new), so re-recording with nothing changed
 * leaves `recordings/` as it is. Returns the files written.
 */
export async function updateFixtures(dir: string): Promise<string[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'tapedeck-recordings-'))
  try {
    await recordFixtures(scratch)
    const written: string[] = []
    for (const file of (await readdir(scratch)).filter((name) => name.endsWith('.har')).sort()) {
      const fresh = (await readTape(join(scratch, file))).tape
      const current = await readTape(join(dir, file)).then(
        ({ tape }) => tape,
        () => undefined,
      )
      if (current && isDeepStrictEqual(driftView(current), driftView(fresh))) continue
      await copyFile(join(scratch, file), join(dir, file))
      written.push(file)
    }
    return written
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}
