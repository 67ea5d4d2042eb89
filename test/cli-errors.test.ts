/**
 * Every user mistake through the built CLI (`npm run build` first): exit 2 and one line on stderr
 * that names the option or address, the value and what to do; never a stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { createDefaultState } from '../src/simulator/index.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'
import { useBin } from './support/run-cli.ts'

const run = useBin()
const dir = mkdtempSync(join(tmpdir(), 'tapedeck-cli-errors-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const tape = join(dir, 'session.har')
const aFile = join(dir, 'a-file.txt')
writeFileSync(
  tape,
  JSON.stringify(buildTape([[imageRequest([{ ImageId: 'a' }]), okResponse('x')]]).tape),
)
writeFileSync(aFile, 'not a directory')
const typoSeed = join(dir, 'typo-seed.json')
writeFileSync(
  typoSeed,
  JSON.stringify({
    ...createDefaultState(),
    faultInjection: { operations: { UpdateVidoInfos: {} } },
  }),
)
const fresh = join(dir, 'fresh.har')
const threeHoursAgo = Date.now() - 3 * 3_600_000
writeFileSync(
  fresh,
  JSON.stringify(
    buildTape([[imageRequest([{ ImageId: 'a' }]), okResponse('x')]], { recordedAt: threeHoursAgo })
      .tape,
  ),
)

/** A port something already listens on. */
const taken: Server = createServer()
await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
const busy = String((taken.address() as { port: number }).port)
afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())))

/** Usage errors exit 2; an expired tape is a failure of the run (exit 1), still one line. */
const ROWS: Array<{ mistake: string; args: string[]; says: string; exit?: number }> = [
  {
    mistake: 'serve on a port in use',
    args: ['serve', '--port', busy],
    says: `Failed to listen on "127.0.0.1:${busy}": the port is already in use`,
  },
  {
    mistake: 'record on a port in use',
    args: [
      'record',
      '--upstream',
      'http://127.0.0.1:9',
      '--tape',
      join(dir, 'r.har'),
      '--dir',
      dir,
      '--port',
      busy,
    ],
    says: `Failed to listen on "127.0.0.1:${busy}": the port is already in use`,
  },
  {
    mistake: 'replay on a port in use',
    args: ['replay', tape, '--dir', dir, '--port', busy],
    says: `Failed to listen on "127.0.0.1:${busy}": the port is already in use`,
  },
  {
    mistake: 'serve on an address of another machine',
    args: ['serve', '--host', '10.255.255.1', '--admin-token', 'x', '--port', '0'],
    says: `Failed to listen on "10.255.255.1:0": the address is not one of this machine's`,
  },
  {
    mistake: 'record with a CA file that does not exist',
    args: [
      'record',
      '--upstream',
      'https://127.0.0.1:9',
      '--tape',
      join(dir, 'r.har'),
      '--dir',
      dir,
      '--port',
      '0',
      '--ca',
      join(dir, 'nope.pem'),
    ],
    says: `Failed to use option "--ca": "${join(dir, 'nope.pem')}" does not exist`,
  },
  {
    mistake: 'contracts into a file',
    args: ['contracts', '--dir', aFile],
    says: `Failed to use option "--dir": "${aFile}" is not a directory`,
  },
  {
    mistake: 'verify a provider URL without a scheme',
    args: ['verify', '--provider-url', '127.0.0.1:8080'],
    says: 'Failed to use option "--provider-url": expected an http(s) URL such as http://127.0.0.1:8080, got "127.0.0.1:8080"',
  },
  {
    mistake: 'verify contracts that do not exist',
    args: ['verify', '--provider-url', 'http://127.0.0.1:9', '--contracts', join(dir, 'nope')],
    says: `Failed to use option "--contracts": "${join(dir, 'nope')}" does not exist`,
  },
  {
    mistake: 'conform writing JSON into a missing directory',
    args: ['conform', '--client', 'true', '--json', join(dir, 'missing', 'x.json')],
    says: `Failed to use option "--json": the directory "${join(dir, 'missing')}"`,
  },
  {
    mistake: 'serve on a port that is not a number',
    args: ['serve', '--port', 'abc'],
    says: 'Failed to use option "--port": expected an integer from 0 to 65535, got "abc"',
  },
  {
    mistake: 'replay on a port that is not a number',
    args: ['replay', tape, '--dir', dir, '--port', '80a'],
    says: 'Failed to use option "--port": expected an integer from 0 to 65535, got "80a"',
  },
  {
    mistake: 'replay forwarding to a non-http upstream',
    args: [
      'replay',
      tape,
      '--dir',
      dir,
      '--port',
      '0',
      '--mode',
      'passthrough',
      '--upstream',
      'ftp://x',
    ],
    says: 'Failed to use option "--upstream": expected an http(s) URL such as http://127.0.0.1:8080, got "ftp://x"',
  },
  {
    mistake: 'replay a tape that does not exist',
    args: ['replay', join(dir, 'nope.har'), '--port', '0'],
    says: `Failed to use option "TAPES": "${join(dir, 'nope.har')}" is not a tape file; give an existing tape, or record it first: tapedeck record --upstream URL --tape ${join(dir, 'nope.har')}`,
  },
  {
    mistake: 'replay a shell pattern that matched no tape',
    args: ['replay', join(dir, 'none', '*.har'), '--port', '0'],
    says: `Failed to use option "TAPES": no file matches "${join(dir, 'none', '*.har')}"; give tape files or a pattern that matches some`,
  },
  {
    mistake: 'replay a tape older than --max-age 1s',
    args: ['replay', fresh, '--dir', dir, '--port', '0', '--max-age', '1s'],
    says: '(3 hours ago), older than the maximum age',
    exit: 1,
  },
  {
    mistake: 'serve with a fault rate out of range',
    args: ['serve', '--port', '0', '--fault', '*:errorRate=5'],
    says: 'Failed to use option "--fault": "*:errorRate=5": errorRate: Too big: expected number to be <=1',
  },
  {
    mistake: 'serve with a fault on a misspelt operation',
    args: ['serve', '--port', '0', '--fault', 'alibaba-vod.UpdateVidoInfos:errorRate=1'],
    says: 'must start with one of *, alibaba-vod.UpdateImageInfos, alibaba-vod.UpdateVideoInfos,',
  },
  {
    mistake: 'verify an unknown provider',
    args: ['verify', '--provider-url', 'http://127.0.0.1:9', '--provider', 'alibaba-vid'],
    says: 'Failed to use option "--provider": unknown provider "alibaba-vid"; use one of alibaba-vod, alibaba-ice,',
  },
  {
    mistake: 'conform selecting no scenario',
    args: ['conform', '--client', 'true', '--operation', 'UpdateVidoInfos'],
    says: 'no scenario matches; providers: alibaba-vod, alibaba-ice,',
  },
  {
    mistake: 'verify without its required option',
    args: ['verify'],
    says: 'Failed to parse "tapedeck verify": Missing required argument: provider-url (see "tapedeck verify --help")',
  },
  {
    mistake: 'serve with a value not among the choices',
    args: ['serve', '--auth', 'maybe'],
    says: 'Failed to parse "tapedeck serve": Invalid values: Argument: auth, Given: "maybe", Choices: "on", "off"',
  },
  {
    mistake: 'a misspelt command',
    args: ['serv'],
    says: 'Failed to parse "tapedeck": Did you mean serve? (see "tapedeck --help")',
  },
]

it.each(ROWS)(
  'answers $mistake with one line, no stack trace',
  async ({ args, says, exit = 2 }) => {
    const cli = run(args, { TAPEDECK_ADMIN_TOKEN: '' })
    expect(await cli.exited).toBe(exit)
    const stderr = cli.errors()
    expect(stderr).toContain(says)
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(stderr).not.toMatch(/^\s+at /m)
  },
)

it('answers a seed whose faults name a misspelt operation with the path and the valid ids', async () => {
  const cli = run(['serve', '--port', '0', '--seed', typoSeed], { TAPEDECK_ADMIN_TOKEN: '' })
  expect(await cli.exited).toBe(2)
  expect(cli.errors()).toContain(
    `Failed to load state "${typoSeed}": 1 problem(s)\n  faultInjection.operations.UpdateVidoInfos: unknown operation id; use one of *, alibaba-vod.UpdateImageInfos,`,
  )
  expect(cli.errors()).not.toMatch(/^\s+at /m)
})
