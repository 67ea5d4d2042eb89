import { expect, it } from 'vitest'
import type { Trace } from '../pipeline/index.ts'
import { createJournal } from './create-journal.ts'

const trace = (n: number) => ({ requestId: `R${n}` }) as Trace

it('keeps the newest entries up to its capacity and counts the dropped ones', () => {
  const journal = createJournal(1000)
  for (let n = 0; n < 25_000; n++) journal.add(trace(n))
  const { dropped, requests } = journal.list()
  expect(requests).toHaveLength(1000)
  expect(requests.at(-1)?.requestId).toBe('R24999')
  expect(requests[0]?.requestId).toBe('R24000')
  expect(dropped).toBe(24_000)
})

it('clears', () => {
  const journal = createJournal(10)
  journal.add(trace(1))
  journal.clear()
  expect(journal.list()).toEqual({ dropped: 0, requests: [] })
})
