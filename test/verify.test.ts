import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { testCredentials } from '../src/client/index.ts'
import { renderJunit, renderReport, type VerifyReport, verifyProvider } from '../src/pact/index.ts'
import { startServer, type TapedeckServer } from '../src/server/index.ts'
import { type Corruption, startWrongProvider } from './support/start-wrong-provider.ts'

// Verifies the committed contracts (kept current by the drift test) against real servers.
const CONTRACTS = new URL('../contracts', import.meta.url).pathname
let server: TapedeckServer
let report: VerifyReport
beforeAll(async () => {
  server = await startServer({ port: 0 })
  report = await verifyProvider({
    providerUrl: server.url,
    contractsDir: CONTRACTS,
    credentials: testCredentials(),
  })
}, 60_000)
afterAll(() => server.close())

it('passes every interaction against a running tapedeck serve', () => {
  expect(report.results.filter((r) => r.status !== 'passed')).toEqual([])
  expect(report).toMatchObject({ tapedeck: true, failed: 0, skipped: 0 })
  expect(report.passed).toBeGreaterThanOrEqual(59)
})

const wrong: [Corruption, string, RegExp][] = [
  [
    'drops a field',
    'UpdateImageInfos: the sample request, live shape (NonExistImageIds wrapped in ImageId)',
    /NonExistImageIds/,
  ],
  [
    'flattens the wrapped list',
    'UpdateImageInfos: the sample request, live shape (NonExistImageIds wrapped in ImageId)',
    /\$\.NonExistImageIds/,
  ],
  [
    'answers text/html',
    'UpdateImageInfos: 21 items are refused with CountExceededMax',
    /text\/html/,
  ],
  [
    'answers 200 for an error',
    'UpdateImageInfos: 21 items are refused with CountExceededMax',
    /expected 400 but was 200/,
  ],
].map(([name, description, pattern], i) => [
  (['drop-field', 'flatten-list', 'html', 'error-as-200'] as const)[i]!,
  `${name}|${description}`,
  pattern as RegExp,
])

it.each(wrong)(
  'fails a provider that %s, naming the interaction and the field',
  async (corruption, label, pattern) => {
    const description = label.split('|')[1]!
    const proxy = await startWrongProvider(server.url, corruption)
    try {
      const bad = await verifyProvider({
        providerUrl: proxy.url,
        contractsDir: CONTRACTS,
        provider: 'alibaba-vod',
        credentials: testCredentials(),
      })
      expect(bad.failed).toBeGreaterThan(0)
      const failure = bad.results.find((r) => r.description === description)
      expect(failure?.status).toBe('failed')
      const text = renderReport(bad)
      expect(text).toContain(`✗ alibaba-vod: ${description}`)
      expect(
        failure!.mismatches
          .map((m) => `${m.path ?? ''} ${m.message} ${m.expected ?? ''}`)
          .join('\n'),
      ).toMatch(pattern)
    } finally {
      await proxy.close()
    }
  },
  60_000,
)

it('skips, not passes, the interactions whose states cannot be set on a provider that is not tapedeck', async () => {
  // A provider without the admin API stands in for the live vendor.
  const live = createServer(async (req, res) => {
    if (req.url!.startsWith('/__tapedeck/')) return void res.writeHead(404).end()
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>
    const answer = await fetch(`${server.url}${req.url}`, {
      method: req.method!,
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    })
    res
      .writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' })
      .end(await answer.text())
  })
  await new Promise<void>((resolve) => live.listen(0, '127.0.0.1', resolve))
  try {
    const url = `http://127.0.0.1:${(live.address() as AddressInfo).port}`
    const result = await verifyProvider({
      providerUrl: url,
      contractsDir: CONTRACTS,
      provider: 'alibaba-vod',
      credentials: testCredentials(),
    })
    expect(result).toMatchObject({ tapedeck: false, failed: 0 })
    expect(result.skipped).toBeGreaterThan(0)
    expect(result.passed).toBeGreaterThan(0)
    const skipped = result.results.find((r) => r.status === 'skipped')!
    expect(skipped.reason).toMatch(/needs provider state ".+", which cannot be set/)
  } finally {
    await new Promise<void>((resolve) => live.close(() => resolve()))
  }
}, 60_000)

it('renders valid JUnit XML, one test case per interaction', () => {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
    renderJunit(report),
  )
  const suites = [doc.testsuites.testsuite].flat()
  const cases = suites.flatMap((suite: { testcase: unknown }) => [suite.testcase].flat())
  expect(Number(doc.testsuites.tests)).toBe(report.results.length)
  expect(cases).toHaveLength(report.results.length)
  expect(suites.map((s: { name: string }) => s.name).sort()).toEqual([
    'alibaba-ice',
    'alibaba-vod',
    'huawei-imagesearch',
    'tencent-cvm',
    'tencent-cvm-v2',
  ])
})
