import { existsSync } from 'node:fs'
import { copyFile, readFile } from 'node:fs/promises'
import { secretsOf } from '../client/index.ts'
import type { CredentialKind, SigningCredentials } from '../protocols/index.ts'
import {
  type ListenOptions,
  type ReplayMode,
  type ReplayServer,
  type ReplayServerOptions,
  startReplayServer,
} from '../replay/index.ts'
import { createTape, foldJournal, readTape } from '../tapes/index.ts'
import { createForwarder } from './create-forwarder.ts'
import { createTapeWriter, type TapeWriter } from './create-tape-writer.ts'

export type RecorderOptions = ListenOptions &
  Pick<ReplayServerOptions, 'adminToken' | 'allowedHosts'> & {
    upstream: string
    /** The tape file to write (replaced in `record-all`, appended to in `record-missing`). */
    tape: string
    /** Default `record-all` (`tapedeck record`); `record-missing` keeps what the tape has. */
    mode?: Extract<ReplayMode, 'record-all' | 'record-missing' | 'passthrough'>
    /** Path of a PEM file with the private CA to trust for the upstream. */
    ca?: string
    credentials?: Partial<Record<CredentialKind, SigningCredentials>>
    now?: () => number
  }

export type Recorder = ReplayServer & {
  writer: TapeWriter
  /** `record-all` over an existing tape: where the tape as it was at start is kept. */
  previous: string | undefined
}

/**
 * Starts the recording proxy (`tapedeck record`): clients point their endpoint at it; each request
 * is re-signed for the upstream where credentials are given, forwarded, redacted, scanned for leaks
 * and appended to the tape's journal before the client gets the response. A journal a killed
 * recorder left is folded into the tape first; `close()` folds this session's. `record-all` over an
 * existing tape first copies it to `<tape>.previous` (overwriting an older copy), so a session
 * recorded by mistake costs nothing.
 */
export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  const mode = options.mode ?? 'record-all'
  const now = options.now ?? Date.now
  const upstream = new URL(options.upstream).origin
  const credentials = options.credentials ?? {}
  const secrets = secretsOf(credentials)
  await foldJournal(options.tape, { secrets })
  const existing =
    mode === 'record-missing' && existsSync(options.tape) ? await readTape(options.tape) : undefined
  const previous =
    mode === 'record-all' && existsSync(options.tape) ? `${options.tape}.previous` : undefined
  if (previous) await copyFile(options.tape, previous)
  const writer = createTapeWriter({
    file: options.tape,
    ...(existing ? { base: 'append' } : { base: 'replace', tape: createTape(now(), upstream) }),
    origin: upstream,
    secrets,
    now,
  })
  const forward = createForwarder({
    upstream: options.upstream,
    credentials,
    now,
    ...(options.ca ? { ca: await readFile(options.ca) } : {}),
  })
  const server = await startReplayServer({
    ...options,
    tapes: existing ? [existing] : [],
    mode,
    forward,
    record: async (request, response, ms) => {
      const recorded = await writer.record(request, response, ms)
      if (!recorded)
        options.log?.(`not recorded (not a known call): ${request.method} ${request.path}`)
    },
    now,
  })
  return {
    ...server,
    writer,
    previous,
    async close() {
      try {
        await server.close()
      } finally {
        await writer.close()
      }
    },
  }
}
