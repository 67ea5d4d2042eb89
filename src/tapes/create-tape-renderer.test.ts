import { expect, it } from 'vitest'
import { createTapeRenderer } from './create-tape-renderer.ts'
import { createTape } from './read-tape.ts'
import type { Tape } from './tape-schema.ts'

function rendered(tape: Tape): string {
  const renderer = createTapeRenderer(tape)
  return tape.log.entries.map((entry) => renderer.entry(entry)).join('') + renderer.end()
}

const entry = (n: number) =>
  ({
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: n,
    request: { method: 'POST', url: 'https://h/', headers: [{ name: 'a', value: 'line\nbreak' }] },
    response: { status: 200, content: { text: '{"标题":"\\u2028 \\" \\\\"}', size: 0 }, empty: {} },
    cache: {},
    list: [],
    nested: [[1, [2, {}]], { x: null }],
  }) as unknown as Tape['log']['entries'][number]

it('renders the bytes writeTape writes, with 0, 1 and 3 entries', () => {
  const tape = createTape(Date.UTC(2026, 0, 1), 'https://vod.cn-shanghai.aliyuncs.com')
  for (const count of [0, 1, 3]) {
    const full = { ...tape, log: { ...tape.log, entries: [1, 2, 3].slice(0, count).map(entry) } }
    expect(rendered(full), `${count} entries`).toBe(`${JSON.stringify(full, null, 2)}\n`)
  }
})

it('keeps fields before and after the entries, at the top and in log, in their order', () => {
  const tape = {
    first: { a: [1] },
    log: {
      version: '1.2',
      creator: { name: 'x', version: '1' },
      pages: [],
      entries: [entry(1), entry(2)],
      comment: 'after "entries": [',
    },
    last: 'x',
  } as unknown as Tape
  expect(rendered(tape)).toBe(`${JSON.stringify(tape, null, 2)}\n`)
  const empty = { ...tape, log: { ...tape.log, entries: [] } }
  expect(rendered(empty)).toBe(`${JSON.stringify(empty, null, 2)}\n`)
})
