import { expect, it } from 'vitest'
import { median, rotate, type Sample, summarize } from '../bench/stats.ts'

const sample = (requestsPerSecond: number, p50Ms = 1, p99Ms = 2): Sample => ({
  requestsPerSecond,
  p50Ms,
  p99Ms,
  non2xx: 0,
  errors: 0,
})

it('takes the middle value of an odd count and the mean of the middle two of an even count', () => {
  expect(median([5, 1, 3])).toBe(3)
  expect(median([4, 1, 3, 2])).toBe(2.5)
  expect(median([7])).toBe(7)
})

it('returns NaN as the median of no values', () => {
  expect(median([])).toBeNaN()
})

it('does not reorder the values it is given', () => {
  const values = [3, 1, 2]
  median(values)
  expect(values).toEqual([3, 1, 2])
})

it('takes ratios round by round, so a slow round of the machine cancels out', () => {
  // Round 2 runs on a machine half as fast: both the target and the floor halve.
  const floor = [sample(40_000, 1, 4), sample(20_000, 2, 8), sample(40_000, 1, 4)]
  const target = [sample(20_000, 2, 8), sample(10_000, 4, 16), sample(20_000, 2, 8)]
  const summary = summarize(target, floor)
  expect(summary.throughputRatio).toBe(0.5)
  expect(summary.p50Ratio).toBe(2)
  expect(summary.p99Ratio).toBe(2)
  expect(summary.requestsPerSecond).toBe(20_000)
})

it('adds up the failed answers and socket errors of every round', () => {
  const floor = [sample(1), sample(1)]
  const target = [
    { ...sample(1), non2xx: 3, errors: 1 },
    { ...sample(1), non2xx: 2, errors: 0 },
  ]
  expect(summarize(target, floor)).toMatchObject({ non2xx: 5, errors: 1 })
})

it('rotates the order by one target each round and wraps around', () => {
  expect(rotate(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c'])
  expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a'])
  expect(rotate(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a'])
  expect(rotate([], 3)).toEqual([])
})
