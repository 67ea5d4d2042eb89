import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { makeTape } from './make-tape.ts'

/** Everything a target needs to be started: where it listens, what it answers, where things are. */
export type TargetContext = {
  port: number
  /** The repository root. */
  root: string
  /** The compiled benchmark (`node_modules/.cache/tapedeck-bench/bench`). */
  compiled: string
  /** A fresh directory for this target's fixtures. */
  dir: string
  body: string
  contentType: string
}

export type Launch = { command: string; args: string[] } | { unavailable: string }

export type Target = {
  id: string
  label: string
  /** `reference`: a row for readers (the node:net floor), in no ratio or budget. */
  kind: 'floor' | 'reference' | 'tapedeck' | 'peer'
  /** How it is configured, for the table's notes. */
  note: string
  /** The answer must be the fixed body (peers, floor); tapedeck answers its own RequestId. */
  fixedBody: boolean
  startTimeoutMs: number
  /** Replay only: interactions on the tape. */
  tapeSize?: number
  /** Writes the target's fixtures and says how to start it, or why it cannot start here. */
  launch(context: TargetContext): Launch
}

const config = (context: TargetContext) =>
  JSON.stringify({
    port: context.port,
    body: context.body,
    contentType: context.contentType,
    dir: context.dir,
    root: context.root,
  })

const nodeEntry = (name: string) => (context: TargetContext) => ({
  command: process.execPath,
  args: [join(context.compiled, 'servers', `${name}.js`), config(context)],
})

export const floorTarget: Target = {
  id: 'floor',
  label: 'floor: bare node:http, fixed body',
  kind: 'floor',
  note: 'the 1.00 of every ratio',
  fixedBody: true,
  startTimeoutMs: 10_000,
  launch: nodeEntry('floor'),
}

export const netFloorTarget: Target = {
  id: 'net-floor',
  label: 'reference: bare node:net responder, fixed bytes',
  kind: 'reference',
  note: "no HTTP parsing at all: the machine's limit, to show what node:http costs",
  fixedBody: true,
  startTimeoutMs: 10_000,
  launch: nodeEntry('net-floor'),
}

export const serveTarget: Target = {
  id: 'serve',
  label: 'tapedeck serve (signatures on)',
  kind: 'tapedeck',
  note: 'bin/tapedeck.js serve --quiet; TC3-HMAC-SHA256 verified on every request',
  fixedBody: false,
  startTimeoutMs: 10_000,
  launch: (context) => ({
    command: process.execPath,
    args: [
      join(context.root, 'bin', 'tapedeck.js'),
      'serve',
      '--port',
      String(context.port),
      '--quiet',
    ],
  }),
}

/** tapedeck replay over a tape of `size` interactions (the benchmark call among them). */
export function replayTarget(size: number): Target {
  return {
    id: `replay-${size}`,
    label: `tapedeck replay (${size.toLocaleString('en-US')} interactions)`,
    kind: 'tapedeck',
    note: 'bin/tapedeck.js replay TAPE --quiet',
    fixedBody: false,
    startTimeoutMs: 60_000,
    tapeSize: size,
    launch(context) {
      if (!existsSync(join(context.root, 'src', 'replay', 'index.ts')))
        return { unavailable: 'n/a: src/replay not built yet' }
      const tape = join(context.dir, 'tape.har')
      writeFileSync(tape, JSON.stringify(makeTape(size)))
      // On disk before the clock starts: the load must not share the machine with writing it back.
      const fd = openSync(tape, 'r+')
      fsyncSync(fd)
      closeSync(fd)
      return {
        command: process.execPath,
        args: [
          join(context.root, 'bin', 'tapedeck.js'),
          'replay',
          tape,
          '--dir',
          context.dir,
          '--port',
          String(context.port),
          '--quiet',
        ],
      }
    },
  }
}

export const peerTargets: readonly Target[] = [
  {
    id: 'mockttp',
    label: 'mockttp 4.6.0',
    kind: 'peer',
    note: 'one forPost rule, recordTraffic off; closes the connection after every answer here (wrk counts a read error per request)',
    fixedBody: true,
    startTimeoutMs: 20_000,
    launch: nodeEntry('mockttp'),
  },
  {
    id: 'msw',
    label: 'MSW 2.15.0 getResponse() in node:http',
    kind: 'peer',
    note: 'one http.post handler, Web Request built per call',
    fixedBody: true,
    startTimeoutMs: 20_000,
    launch: nodeEntry('msw-get-response'),
  },
  {
    id: 'talkback',
    label: 'talkback 4.2.0 replay',
    kind: 'peer',
    note: 'one tape, record DISABLED, silent',
    fixedBody: true,
    startTimeoutMs: 20_000,
    launch(context) {
      writeFileSync(join(context.dir, 'bench.json5'), JSON.stringify(talkbackTape(context)))
      return nodeEntry('talkback')(context)
    },
  },
  {
    id: 'prism',
    label: 'Prism 5.14.2 mock',
    kind: 'peer',
    note: 'OpenAPI 3 with one example, -v warn (no per-request log)',
    fixedBody: true,
    startTimeoutMs: 60_000,
    launch(context) {
      const spec = join(context.dir, 'openapi.json')
      writeFileSync(spec, JSON.stringify(prismSpec(context)))
      const cli = join(context.root, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js')
      if (!existsSync(cli)) return { unavailable: 'not installed (npm ci)' }
      return {
        command: process.execPath,
        args: [cli, 'mock', spec, '-h', '127.0.0.1', '-p', String(context.port), '-v', 'warn'],
      }
    },
  },
  {
    id: 'wiremock',
    label: 'WireMock 3.13.2 (Java 17)',
    kind: 'peer',
    note: 'one stub mapping, --no-request-journal --disable-request-logging',
    fixedBody: true,
    startTimeoutMs: 60_000,
    launch(context) {
      const build = join(context.root, 'node_modules', 'wiremock', 'build')
      const jar = existsSync(build) ? readdirSync(build).find((f) => f.endsWith('.jar')) : undefined
      if (!jar) return { unavailable: 'not installed (npm ci)' }
      mkdirSync(join(context.dir, 'mappings'), { recursive: true })
      writeFileSync(
        join(context.dir, 'mappings', 'bench.json'),
        JSON.stringify(wiremockStub(context)),
      )
      return {
        command: 'java',
        args: [
          '-jar',
          join(build, jar),
          '--port',
          String(context.port),
          '--bind-address',
          '127.0.0.1',
          '--root-dir',
          context.dir,
          '--disable-banner',
          '--no-request-journal',
          '--disable-request-logging',
        ],
      }
    },
  },
]

function talkbackTape(context: TargetContext) {
  return {
    meta: {
      createdAt: new Date(0).toISOString(),
      host: 'http://127.0.0.1:9',
      reqHumanReadable: true,
      resHumanReadable: true,
    },
    req: {
      url: '/',
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-tc-action': 'ModifyImageAttribute',
      },
      body: JSON.stringify({ ImageId: 'img-12345678', ImageName: 'bench-image' }),
    },
    res: { status: 200, headers: { 'content-type': [context.contentType] }, body: context.body },
  }
}

function prismSpec(context: TargetContext) {
  return {
    openapi: '3.0.3',
    info: { title: 'tapedeck bench', version: '1' },
    paths: {
      '/': {
        post: {
          requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { example: JSON.parse(context.body) } },
            },
          },
        },
      },
    },
  }
}

function wiremockStub(context: TargetContext) {
  return {
    request: { method: 'POST', urlPath: '/' },
    response: { status: 200, body: context.body, headers: { 'Content-Type': context.contentType } },
  }
}

/**
 * The targets `--only` asks for, the floor always among them (every ratio needs it). An id that
 * names no target is an error listing the known ones: a typo must not measure only the floor.
 */
export function selectTargets(
  all: readonly Target[],
  only: readonly string[] | undefined,
): Target[] {
  if (only === undefined) return [...all]
  const known = all.map((target) => target.id)
  const unknown = only.filter((id) => !known.includes(id))
  if (unknown.length > 0)
    throw new TypeError(
      `Failed to read --only: no target ${unknown.map((id) => `"${id}"`).join(', ')}; the targets are ${known.join(', ')}`,
    )
  return all.filter((target) => target.id === 'floor' || only.includes(target.id))
}
