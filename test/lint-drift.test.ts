/**
 * `lint` compares recorded values with the catalogue's result fields (types and list shapes, both
 * profiles, JSON and XML), and `lint --json` is JSON for every outcome. The tapes are shipped ones
 * (`recordings/`) with one value changed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { lintTape, parseTape, type Tape } from '../src/tapes/index.ts'
import { runCli } from './support/run-cli.ts'

const RECORDINGS = join(import.meta.dirname, '..', 'recordings')
const shippedTape = (file: string): Tape =>
  JSON.parse(readFileSync(join(RECORDINGS, file), 'utf8')) as Tape

/** A shipped tape with one entry's response body replaced. */
function withBody(file: string, index: number, edit: (text: string) => string): Tape {
  const tape = shippedTape(file)
  const content = tape.log.entries[index]!.response.content
  content.text = edit(content.text ?? '')
  return tape
}

const lint = (tape: Tape) => lintTape(parseTape(tape, 'drift.har'))
const typeDrifts = (tape: Tape) =>
  lint(tape)
    .filter((issue) => issue.code === 'drift-type')
    .map(({ path, field }) => `${path} ${field}`)

/** UpdateVideoInfos with `NonExistVideoIds: "oops"` and `ForbiddenVideoIds: 42` (entry 2). */
const typeDriftTape = () =>
  withBody('alibaba-vod.pop-core.har', 2, (text) => {
    const body = JSON.parse(text)
    body.NonExistVideoIds = 'oops'
    body.ForbiddenVideoIds = 42
    return JSON.stringify(body)
  })

it('the type-drift tape fails lint naming both fields with the entry index and JSON path', () => {
  const issues = lint(typeDriftTape()).filter((issue) => issue.code === 'drift-type')
  expect(issues).toEqual([
    {
      code: 'drift-type',
      path: 'drift.har log.entries[2]',
      field: 'ForbiddenVideoIds',
      message:
        'alibaba-vod.UpdateVideoInfos response field "ForbiddenVideoIds" is a number (42); documented: a list of VideoId strings (["…"])',
    },
    {
      code: 'drift-type',
      path: 'drift.har log.entries[2]',
      field: 'NonExistVideoIds',
      message:
        'alibaba-vod.UpdateVideoInfos response field "NonExistVideoIds" is a string ("oops"); documented: a list of VideoId strings (["…"])',
    },
  ])
})

it('checks list items and accepts the list shape of either profile (JSON)', () => {
  const wrappedNumber = withBody('alibaba-vod.pop-core.har', 0, (text) =>
    text.replace(/"ImageId":\[[^\]]*\]/, '"ImageId":["a",7]'),
  )
  expect(typeDrifts(wrappedNumber)).toEqual([
    'drift.har log.entries[0] NonExistImageIds.ImageId[1]',
  ])
  // The documented profile's flat list is a shape UpdateImageInfos declares: no drift.
  const flat = withBody('alibaba-vod.pop-core.har', 0, (text) =>
    text.replace(/\{"ImageId":(\[[^\]]*\])\}/, '$1'),
  )
  expect(flat.log.entries[0]!.response.content.text).toContain('"NonExistImageIds":["')
  expect(typeDrifts(flat)).toEqual([])
  const nested = withBody('alibaba-vod.pop-core.har', 0, (text) =>
    text.replace(/\{"ImageId":(\[[^\]]*\])\}/, '{"Id":$1}'),
  )
  expect(typeDrifts(nested)).toEqual(['drift.har log.entries[0] NonExistImageIds.Id'])
})

it('checks XML bodies: an element of another name drifts, the bare documented shape does not', () => {
  const file = 'alibaba-vod.openapi-v2-xml.har'
  const other = withBody(file, 0, (text) =>
    text.replace(/<ImageId>/g, '<Id>').replace(/<\/ImageId>/g, '</Id>'),
  )
  expect(typeDrifts(other)).toEqual([
    'drift.har log.entries[0] UpdateImageInfosResponse.NonExistImageIds.Id',
  ])
  const bare = withBody(file, 0, (text) =>
    text.replace(
      /<NonExistImageIds><ImageId>([^<]*)<\/ImageId><\/NonExistImageIds>/,
      '<NonExistImageIds>$1</NonExistImageIds>',
    ),
  )
  expect(bare.log.entries[0]!.response.content.text).toMatch(/<NonExistImageIds>f45/)
  expect(typeDrifts(bare)).toEqual([])
  expect(lint(shippedTape(file))).toEqual([])
})

it('does not compare an error answered with 200 (Tencent API 3.0 Response.Error) with the result fields', () => {
  const tape = shippedTape('tencent-cvm.sdk.har')
  expect(tape.log.entries[3]!.response.status).toBe(200)
  expect(tape.log.entries[3]!.response.content.text).toContain('"Error"')
  expect(lint(tape)).toEqual([])
})

it('tapedeck lint --json prints the issues of the type-drift tape, naming both fields, and exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-lint-drift-'))
  writeFileSync(join(dir, 'drift.har'), JSON.stringify(typeDriftTape()))
  const cli = runCli(['lint', join(dir, 'drift.har'), '--dir', dir, '--json'])
  expect(await cli.exited).toBe(1)
  const issues = JSON.parse(cli.output()) as Array<{ code: string; field?: string }>
  expect(issues.filter((i) => i.code === 'drift-type').map((i) => i.field)).toEqual([
    'ForbiddenVideoIds',
    'NonExistVideoIds',
  ])
})

it('tapedeck lint --json prints a failure as JSON with a stable code: a broken file (1), a parse error and no match (2)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-lint-json-'))
  writeFileSync(join(dir, 'broken.har'), '{"log": ')
  const broken = runCli(['lint', join(dir, 'broken.har'), '--dir', dir, '--json'])
  expect(await broken.exited).toBe(1)
  expect(JSON.parse(broken.output())).toEqual({
    error: { code: 'E_INVALID_TAPE', message: expect.stringContaining('broken.har') },
  })
  const parse = runCli(['lint', '--json'])
  expect(await parse.exited).toBe(2)
  expect(JSON.parse(parse.output())).toEqual({
    error: {
      code: 'E_INVALID_OPTION',
      message: expect.stringContaining('Failed to parse "tapedeck lint"'),
    },
  })
  const none = runCli(['lint', join(dir, '*.json'), '--dir', dir, '--json'])
  expect(await none.exited).toBe(2)
  expect(JSON.parse(none.output())).toEqual({
    error: { code: 'E_INVALID_OPTION', message: expect.stringContaining('no file matches') },
  })
})
