import { expect, it } from 'vitest'
import { parseLoadOutput, renderWrkScript } from '../bench/load.ts'
import { parseBenchArgs } from '../bench/parse-bench-args.ts'
import { type Measured, renderReport, summaryOf } from '../bench/render-report.ts'
import { formatCount, formatMegabytes, formatMs, renderTable } from '../bench/render-table.ts'
import type { Sample } from '../bench/stats.ts'

const sample = (requestsPerSecond: number): Sample => ({
  requestsPerSecond,
  p50Ms: 1_000 / requestsPerSecond,
  p99Ms: 4_000 / requestsPerSecond,
  non2xx: 0,
  errors: 0,
})

it('renders a markdown table and escapes pipes inside cells', () => {
  expect(renderTable(['a', 'b'], [['1', 'x|y']])).toMatchInlineSnapshot(`
    "| a | b |
    |---|---|
    | 1 | x\\|y |"
  `)
})

it('formats counts, milliseconds and megabytes, with a dash for a missing value', () => {
  expect(formatCount(41234.6)).toBe('41,235')
  expect(formatMs(1.234)).toBe('1.23 ms')
  expect(formatMs(45.67)).toBe('45.7 ms')
  expect(formatMs(412.3)).toBe('412 ms')
  expect(formatMegabytes(61_400_000)).toBe('61 MB')
  expect(formatMegabytes(420_000)).toBe('0.4 MB')
  expect(formatCount(undefined)).toBe('—')
  expect(formatMs(Number.NaN)).toBe('—')
})

it('reads the JSON line of the load generator into a sample in milliseconds', () => {
  const output = `Running 5s test\nBENCH_JSON {"requests":200000,"durationUs":5000000,"p50Us":1200,"p99Us":4500,"non2xx":0,"errors":2}\n`
  expect(parseLoadOutput(output)).toEqual({
    requestsPerSecond: 40_000,
    p50Ms: 1.2,
    p99Ms: 4.5,
    non2xx: 0,
    errors: 2,
  })
})

it('fails to read an output without the JSON line, quoting its end', () => {
  expect(() => parseLoadOutput('unable to connect')).toThrow(/unable to connect/)
})

it('writes a wrk script that sends the request once per call, Host overriding wrk’s own', () => {
  const script = renderWrkScript({
    method: 'POST',
    path: '/',
    headers: { host: '127.0.0.1:8080', 'content-length': '2', 'x-tc-action': 'A "quoted" one' },
    body: '{}',
  })
  expect(script).toContain('wrk.method = "POST"')
  expect(script).toContain('wrk.body = "{}"')
  expect(script).toContain('wrk.headers["Host"] = "127.0.0.1:8080"')
  expect(script).toContain('wrk.headers["x-tc-action"] = "A \\"quoted\\" one"')
  expect(script).not.toContain('content-length')
})

it('refuses to put a non-ASCII value in a wrk script', () => {
  expect(() =>
    renderWrkScript({ method: 'POST', path: '/', headers: {}, body: '{"Title":"标题"}' }),
  ).toThrow(/Failed to quote/)
})

it('reads --quick as short rounds and checks the numbers it is given', () => {
  expect(parseBenchArgs(['--quick'])).toMatchObject({ rounds: 2, seconds: 2, warmupSeconds: 1 })
  expect(parseBenchArgs([])).toMatchObject({ rounds: 5, seconds: 3, connections: 50 })
  expect(parseBenchArgs(['--only', 'serve, msw']).only).toEqual(['serve', 'msw'])
  expect(() => parseBenchArgs(['--rounds', '0'])).toThrow(/--rounds/)
  expect(() => parseBenchArgs(['--generator', 'ab'])).toThrow(/--generator/)
})

it('reports ratios to the floor, budget verdicts and the reason a target could not run', () => {
  const results: Measured[] = [
    {
      target: { id: 'floor', label: 'floor', kind: 'floor', note: '' },
      samples: [sample(40_000), sample(20_000)],
      coldStartMs: 90,
    },
    {
      target: { id: 'serve', label: 'tapedeck serve', kind: 'tapedeck', note: '' },
      samples: [sample(24_000), sample(12_000)],
      coldStartMs: 350,
      rssBytes: 90e6,
    },
    {
      target: { id: 'replay-10', label: 'replay 10', kind: 'tapedeck', note: '', tapeSize: 10 },
      samples: [],
      unavailable: 'n/a: src/replay not built yet',
    },
    {
      target: { id: 'wiremock', label: 'WireMock', kind: 'peer', note: '' },
      samples: [sample(4_000), undefined],
    },
  ]
  const report = renderReport({
    results,
    generator: 'wrk',
    pinned: true,
    options: { rounds: 2, seconds: 5, warmupSeconds: 3, connections: 50 },
    conformance: 'n/a: not built yet',
    when: new Date('2026-01-01T00:00:00Z'),
  })
  expect(report).toContain('| tapedeck serve | 18,000 | 0.60 | 0.06 ms | 1.67 |')
  expect(report).toContain('| WireMock | 4,000 | 0.10 |')
  expect(report).toContain('| tapedeck replay | — |')
  expect(report).toContain('| tapedeck serve, signatures on: ≥ 0.55 | 0.60 | met |')
  expect(report).toContain('| tapedeck serve cold start < 400 ms | 350 ms | met |')
  expect(report).toContain(
    '| tapedeck replay, 10 interactions: ≥ 0.85 | — | n/a: src/replay not built yet |',
  )
  expect(report).toContain('| 10 | — | — | — | — | — | n/a: src/replay not built yet |')
  expect(report).toContain('Conformance suite, reference client, wall time: n/a: not built yet')
})

it('takes a target ratio against the floor burst run next to it when there is one', () => {
  const floor: Measured = {
    target: { id: 'floor', label: 'floor', kind: 'floor', note: '' },
    samples: [sample(40_000), sample(40_000), sample(40_000)],
  }
  // The machine slowed down twice as much for the target's neighbours as the round average shows.
  const replay: Measured = {
    target: { id: 'replay-10', label: 'replay 10', kind: 'tapedeck', note: '', tapeSize: 10 },
    samples: [sample(18_000), sample(36_000), sample(17_000)],
    baselines: [sample(20_000), sample(40_000), sample(20_000)],
  }
  expect(summaryOf(replay, floor)?.throughputRatio).toBeCloseTo(0.9)
  const { baselines: _paired, ...unpaired } = replay
  expect(summaryOf(unpaired, floor)?.throughputRatio).toBeCloseTo(0.45)
  // A round whose floor burst failed is left out.
  const holed = { ...replay, baselines: [undefined, sample(40_000), sample(20_000)] }
  expect(summaryOf(holed, floor)?.requestsPerSecond).toBe((36_000 + 17_000) / 2)
})

it('reads --record-count, 100,000 by default and 5,000 with --quick', () => {
  expect(parseBenchArgs([]).recordCount).toBe(100_000)
  expect(parseBenchArgs(['--quick']).recordCount).toBe(5_000)
  expect(parseBenchArgs(['--record-count', '2000']).recordCount).toBe(2_000)
  expect(() => parseBenchArgs(['--record-count', '-1'])).toThrow(/--record-count/)
})

it('reports the recording row and its budgets: flat cost, and 100,000 interactions in < 10 min', () => {
  const report = (recording: Parameters<typeof renderReport>[0]['recording']) =>
    renderReport({
      results: [],
      generator: 'wrk',
      pinned: true,
      options: { rounds: 2, seconds: 5, warmupSeconds: 3, connections: 50 },
      conformance: 'n/a',
      when: new Date('2026-01-01T00:00:00Z'),
      ...(recording ? { recording } : {}),
    })
  const full = report({
    count: 100_000,
    window: 1_000,
    firstMs: 1.2,
    lastMs: 1.5,
    totalMs: 130_400,
    foldMs: 6_100,
    tapeBytes: 274e6,
    rssBytes: 130e6,
  })
  expect(full).toContain(
    '| 100,000 | 1.20 ms | 1.50 ms | 1.25× | 2 min 10 s | 6100 ms | 274 MB | 130 MB |',
  )
  expect(full).toContain('| interactions | 1–1,000 | 99,001–100,000 | last ÷ first |')
  expect(full).toContain(
    '| recording: ms per interaction, last 1,000 within 1.5× of the first 1,000 | 1.50 ms vs 1.20 ms (1.25×, 100,000 interactions) | met |',
  )
  expect(full).toContain(
    '| recording: 100,000 interactions, one sequential client, < 10 min | 2 min 10 s | met |',
  )
  const quick = report({ count: 5_000, window: 1_000, firstMs: 1, lastMs: 2, totalMs: 9_000 })
  expect(quick).toContain('(2.00×, 5,000 interactions) | MISSED |')
  expect(quick).toContain('| 9 s for 5,000 | n/a: --record-count 100000 measures it |')
  expect(report({ count: 100_000, window: 1_000, unavailable: 'failed: boom' })).toContain(
    '| 100,000 | — | — | — | — | — | — | failed: boom |',
  )
  expect(report(undefined)).toContain(
    '| recording: 100,000 interactions, one sequential client, < 10 min | — | n/a: not measured |',
  )
  expect(report(undefined)).not.toContain('Recording (')
})
