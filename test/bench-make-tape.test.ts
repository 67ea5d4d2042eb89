import { expect, it } from 'vitest'
import { signBenchCall } from '../bench/bench-request.ts'
import { makeTape } from '../bench/make-tape.ts'
import { canonicalKey, tapeSchema } from '../src/tapes/index.ts'

it('makes a valid tape of N interactions, each with its own match key', () => {
  const tape = makeTape(50)
  expect(tapeSchema.safeParse(tape).success).toBe(true)
  expect(tape.log.entries).toHaveLength(50)
  const keys = new Set(tape.log.entries.map((entry) => entry._tapedeck.matchKey))
  expect(keys.size).toBe(50)
})

it('records the benchmark call as the first interaction, whatever the port and time it is signed for', () => {
  const [first] = makeTape(3).log.entries
  expect(first?._tapedeck.matchKey).toBe(canonicalKey(signBenchCall(43_210)))
  expect(first?.request.headers.find((h) => h.name === 'authorization')?.value).toBe(
    '[REDACTED:authorization]',
  )
})
