/**
 * Records the shipped tapes (`recordings/`): each session of `fixtureSessions` is played by its SDK
 * through the recorder (`startRecorder`, what `tapedeck record` runs) against `serve` on defaults.
 * The recorder re-signs every call for the upstream, so the recorder and the server share one fixed
 * clock and the server numbers its request ids: what the tapes hold depends only on the calls, except
 * the fields the SDKs stamp themselves (timestamps, nonces, signatures, user agents), which the drift
 * check leaves out (`driftView`).
 */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { testCredentials } from '../../src/client/index.ts'
import { startRecorder } from '../../src/record/index.ts'
import { startServer } from '../../src/server/index.ts'
import { fixtureSessions, type Outcome, outcomeOf } from './fixture-sessions.ts'

/** The instant every shipped tape is recorded at. */
export const FIXTURE_CLOCK = Date.parse('2026-12-01T00:00:00Z')

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
