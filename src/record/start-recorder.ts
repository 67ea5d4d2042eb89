import { existsSync } from 'node:fs'
import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { secretsOf } from '../client/index.ts'
import { TapedeckError } from '../errors.ts'
import type { CredentialKind, Registry, SigningCredentials } from '../protocols/index.ts'
import {
  type ListenOptions,
  type ReplayMode,
  type ReplayServer,
  type ReplayServerOptions,
  startReplayServer,
} from '../replay/index.ts'
import { createTape, findTapeLeaks, foldJournal, readTape } from '../tapes/index.ts'
import { createForwarder } from './create-forwarder.ts'
import { createTapeWriter, type TapeWriter } from './create-tape-writer.ts'
import { explainRefusal } from './explain-refusal.ts'
import { unsignedCause } from './unsigned-cause.ts'

export type RecorderOptions = ListenOptions &
  Pick<ReplayServerOptions, 'adminToken' | 'allowedHosts'> & {
    upstream: string
    /**
     * The tape file to write (replaced in `record-all`, appended to in `record-missing`); its
     * directory is created if missing.
     */
    tape: string
    /** Default `record-all` (`tapedeck record`); `record-missing` keeps what the tape has. */
    mode?: Extract<ReplayMode, 'record-all' | 'record-missing' | 'passthrough'>
    /** Path of a PEM file with the private CA to trust for the upstream. */
    ca?: string
    credentials?: Partial<Record<CredentialKind, SigningCredentials>>
    now?: () => number
    /** The schemes recorded; the built-in ones by default. */
    registry?: Registry
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
 * recorded by mistake costs nothing. `record-missing` adds to the tape file as it is (another
 * recorder's HAR too), so a tape already holding a secret is refused at start (`E_INVALID_OPTION`).
 */
export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  const mode = options.mode ?? 'record-all'
  const now = options.now ?? Date.now
  const upstream = new URL(options.upstream).origin
  const credentials = options.credentials ?? {}
  const secrets = secretsOf(credentials)
  await mkdir(dirname(options.tape), { recursive: true })
  const appends = mode === 'record-missing' && existsSync(options.tape)
  // The tape's own bytes are kept as they are when new interactions are added after them: one
  // holding a secret (another recorder's HAR with its calls' key ids) is refused now, not at close.
  const { registry } = options
  const known = registry ? { registry } : {}
  if (appends) await refuseLeakyTape(options.tape, secrets, registry)
  await foldJournal(options.tape, { secrets, ...known })
  const existing = appends ? await readTape(options.tape, registry) : undefined
  const previous =
    mode === 'record-all' && existsSync(options.tape) ? `${options.tape}.previous` : undefined
  if (previous) await copyFile(options.tape, previous)
  const writer = createTapeWriter({
    file: options.tape,
    ...(existing ? { base: 'append' } : { base: 'replace', tape: createTape(now(), upstream) }),
    origin: upstream,
    secrets,
    now,
    ...known,
  })
  const forward = createForwarder({
    upstream: options.upstream,
    credentials,
    now,
    ...known,
    ...(options.ca ? { ca: await readFile(options.ca) } : {}),
  })
  const server = await startReplayServer({
    ...options,
    tapes: existing ? [existing] : [],
    mode,
    forward,
    record: async (request, response, ms) => {
      const recorded = await writer.record(request, response, ms).catch((error: unknown) => {
        throw explainRefusal(error, request, response, credentials, registry)
      })
      if (!recorded)
        options.log?.(`not recorded (not a known call): ${request.method} ${request.path}`)
      const unsigned = unsignedCause(request, response, credentials, registry)
      if (unsigned) options.log?.(`recorded ${unsigned.what}. ${unsigned.cause}`)
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

async function refuseLeakyTape(
  tape: string,
  secrets: readonly string[],
  registry: Registry | undefined,
): Promise<void> {
  const kinds = await findTapeLeaks(tape, secrets, registry)
  if (kinds.length === 0) return
  throw new TapedeckError(
    'E_INVALID_OPTION',
    `Failed to record into tape "${tape}": it already holds ${kinds.join(', ')}, and recording adds to it as it is; run "tapedeck import ${tape} --out <new tape>" (it redacts each call) and record into the new tape`,
  )
}
