import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect, it } from 'vitest'
import { brokenClient } from '../examples/clients/broken-client.ts'
import { huaweiSdkClient } from '../examples/clients/huawei-sdk-client.ts'
import { popCoreClient } from '../examples/clients/pop-core-client.ts'
import { referenceClient } from '../examples/clients/reference-client.ts'
import { tencentSdkClient } from '../examples/clients/tencent-sdk-client.ts'
import {
  type ClientAnswerInput,
  type ConformReport,
  clientEnv,
  conform,
  conformScenarios,
  createProcessClient,
  renderJunit,
  type ScenarioMessage,
  type ScenarioResult,
  selectScenarios,
} from '../src/conformance/index.ts'

const failedIds = (report: ConformReport) =>
  report.results.filter((r) => r.status === 'fail').map((r) => r.id)
const notApplicable = (report: ConformReport) =>
  report.results.filter((r) => r.status === 'not-applicable')

it('turns every contract scenario into a conformance scenario, plus wrong-secret and throttled per operation', () => {
  const all = conformScenarios()
  expect(all.filter((s) => s.source === 'contract')).toHaveLength(59)
  expect(all.filter((s) => s.source === 'extra').map((s) => `${s.id} ${s.expect.code}`)).toContain(
    'alibaba-vod.UpdateVideoInfos/throttled Throttling.User',
  )
  expect(all.filter((s) => s.id.endsWith('wrong-secret')).map((s) => s.expect.code)).toEqual([
    'SignatureDoesNotMatch',
    'SignatureDoesNotMatch',
    'SignatureDoesNotMatch',
    '4100',
    'AuthFailure.SignatureFailure',
    'APIGW.0301',
  ])
})

it('selects scenarios by provider, operation and an --only pattern', () => {
  const all = conformScenarios()
  expect(
    selectScenarios(all, { provider: 'huawei-imagesearch' }).every(
      (s) => s.operation.provider === 'huawei-imagesearch',
    ),
  ).toBe(true)
  expect(selectScenarios(all, { operation: 'UpdateMediaInfo' })).toHaveLength(14)
  expect(selectScenarios(all, { only: '*/wrong-secret' })).toHaveLength(6)
  expect(selectScenarios(all, { only: 'live-xml' }).map((s) => s.id)).toEqual([
    'alibaba-vod.UpdateImageInfos/live-xml',
    'alibaba-vod.UpdateVideoInfos/live-xml',
  ])
})

it('passes every scenario with the reference client in process', async () => {
  const report = await conform(referenceClient, { name: 'reference' })
  expect(failedIds(report)).toEqual([])
  expect(report.passed).toBe(71)
})

it('passes every applicable scenario with pop-core and marks XML and other clouds not applicable', async () => {
  const report = await conform(popCoreClient)
  expect(failedIds(report)).toEqual([])
  expect(report.passed).toBe(36)
  expect(new Set(notApplicable(report).map((r) => r.reason))).toEqual(
    new Set(['pop-core requests and parses JSON only', 'pop-core speaks Alibaba RPC only']),
  )
})

it('passes every Tencent scenario with tencentcloud-sdk-nodejs-cvm and qcloudapi-sdk', async () => {
  const report = await conform(tencentSdkClient)
  expect(failedIds(report)).toEqual([])
  expect(report.passed).toBe(21)
})

it('passes every Huawei scenario with huaweicloud-sdk-core', async () => {
  const report = await conform(huaweiSdkClient, { provider: 'huawei-imagesearch' })
  expect(failedIds(report)).toEqual([])
  expect(report.passed).toBe(8)
})

it('fails the broken client exactly where its star encoding, derived nonce and missing XML reader show', async () => {
  const report = await conform(brokenClient, { name: 'broken' })
  // What the client reported, in brief: its own parse error shows the missing XML reader.
  const reported = (r: ScenarioResult) =>
    r.issues
      .find((i) => i.code.startsWith('reported.'))
      ?.actual.match(/"(E_PARSE|SignatureDoesNotMatch)"/)?.[1]
  const failures = Object.fromEntries(
    report.results
      .filter((r) => r.status === 'fail')
      .map((r) => [r.id, `${[...new Set(r.issues.map((i) => i.code))].join(',')} ${reported(r)}`]),
  )
  const star = 'sent.signature,reported.outcome SignatureDoesNotMatch'
  const starXml = 'sent.signature,reported.outcome E_PARSE'
  const starError = 'sent.signature,reported.code SignatureDoesNotMatch'
  expect(failures).toEqual({
    // Every VOD sample id and the IMS MediaId hold `*`, which the client leaves unencoded.
    'alibaba-vod.UpdateImageInfos/documented-json-sample': star,
    'alibaba-vod.UpdateImageInfos/documented-xml-sample': starXml,
    'alibaba-vod.UpdateImageInfos/live-json': star,
    'alibaba-vod.UpdateImageInfos/live-xml': starXml,
    // The same parameters as 21-items: the nonce derived from them repeats; the XML is unreadable.
    'alibaba-vod.UpdateImageInfos/21-items-xml': 'sent.nonce,reported.code E_PARSE',
    'alibaba-vod.UpdateImageInfos/title-128-bytes': star,
    'alibaba-vod.UpdateImageInfos/title-129-bytes': starError,
    'alibaba-vod.UpdateImageInfos/16-tags': star,
    'alibaba-vod.UpdateImageInfos/17-tags': starError,
    'alibaba-vod.UpdateImageInfos/tag-33-bytes': starError,
    'alibaba-vod.UpdateImageInfos/emoji-title': starError,
    'alibaba-vod.UpdateVideoInfos/documented-json-sample': star,
    'alibaba-vod.UpdateVideoInfos/live-xml': starXml,
    'alibaba-vod.UpdateVideoInfos/documented-xml': starXml,
    'alibaba-ice.UpdateMediaInfo/documented-json-sample': star,
    'alibaba-ice.UpdateMediaInfo/xml': starXml,
    'alibaba-ice.UpdateMediaInfo/media-id-and-other-input-url': star,
    'alibaba-ice.UpdateMediaInfo/business-type': starError,
    'alibaba-ice.UpdateMediaInfo/category-64': star,
    'alibaba-ice.UpdateMediaInfo/category-65': starError,
    'alibaba-ice.UpdateMediaInfo/user-data-1024': star,
    'alibaba-ice.UpdateMediaInfo/user-data-1025': starError,
    'alibaba-ice.UpdateMediaInfo/17-tags': starError,
  })
  expect(report.passed).toBe(71 - 23)
  const nonce = report.results.find((r) => r.id.endsWith('/21-items-xml'))!.issues
  expect(nonce.map((i) => i.message)).toEqual([
    'sent.nonce authentication: expected "valid", got "NonceUsed"',
    'reported.code error.code: expected "CountExceededMax", got "E_PARSE"',
  ])
})

it('fails a client that reports success without calling, and one whose answer is not the protocol', async () => {
  const only = 'huawei-imagesearch.ModifyImage/documented-200-sample'
  const silent = await conform(async () => ({ ok: true, result: {} }), { only })
  expect(silent.results[0]!.issues.map((i) => i.message)).toEqual([
    'sent.request request: expected "a call of huawei-imagesearch.ModifyImage", got "none"',
  ])
  const garble = async (m: ScenarioMessage) =>
    ({ ...(await referenceClient(m)), ok: 'yes' }) as unknown as ClientAnswerInput
  const garbled = await conform(garble, { only })
  expect(garbled.results[0]!.issues.map((i) => i.code)).toEqual(['reported.outcome'])
  expect(garbled.results[0]!.issues[0]!.actual).toContain('E_BAD_ANSWER')
})

it('writes JUnit XML that parses, with one testcase per scenario and skipped for not applicable', async () => {
  const report = await conform(popCoreClient, { provider: 'alibaba-ice' })
  const xml = renderJunit({
    ...report,
    results: [
      ...report.results,
      {
        ...report.results[0]!,
        id: 'x/fail',
        status: 'fail',
        issues: [
          {
            code: 'reported.code',
            path: 'error.code',
            expected: '"A"',
            actual: '"<B&>"',
            message: 'reported.code error.code: expected "A", got "<B&>"',
          },
        ],
      },
    ],
    failed: 1,
  })
  expect(XMLValidator.validate(xml)).toBe(true)
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml)
  const suite = parsed.testsuites.testsuite
  expect(suite['@_name']).toBe('alibaba-ice.UpdateMediaInfo')
  expect(suite.testcase).toHaveLength(15)
  expect(suite['@_skipped']).toBe('1')
  expect(suite['@_failures']).toBe('1')
  expect(suite.testcase.at(-1).failure['#text']).toBe(
    'reported.code error.code: expected "A", got "<B&>"',
  )
})

const TSX = 'node --import tsx'

it('runs the reference client as a process per scenario, credentials and endpoint in the environment', async () => {
  const client = createProcessClient({
    command: `${TSX} examples/clients/reference-client.ts`,
    env: clientEnv,
  })
  const report = await conform(client.call, { only: 'alibaba-ice.UpdateMediaInfo/category-6' })
  expect(report.results.map((r) => `${r.id} ${r.status}`)).toEqual([
    'alibaba-ice.UpdateMediaInfo/category-64 pass',
    'alibaba-ice.UpdateMediaInfo/category-65 pass',
  ])
})

it('runs an SDK adapter in persistent mode: one process, one line per scenario', async () => {
  const client = createProcessClient({
    command: `${TSX} examples/clients/huawei-sdk-client.ts`,
    env: clientEnv,
    persistent: true,
  })
  try {
    const report = await conform(client.call, { provider: 'huawei-imagesearch' })
    expect(failedIds(report)).toEqual([])
    expect(report.passed).toBe(8)
  } finally {
    client.close()
  }
})

it('throws E_CLIENT naming the command when the client cannot start', async () => {
  const client = createProcessClient({ command: 'no-such-client-binary-xyz', env: clientEnv })
  await expect(
    conform(client.call, { only: 'huawei-imagesearch.ModifyImage/documented-200-sample' }),
  ).rejects.toMatchObject({
    code: 'E_CLIENT',
    message: expect.stringMatching(
      /^Failed to run client "no-such-client-binary-xyz": exited \(code 127\) without printing a JSON answer; stderr: .*not found/,
    ),
  })
})

it('throws E_CLIENT when the client prints no JSON answer', async () => {
  const client = createProcessClient({ command: 'echo hello', env: clientEnv })
  await expect(
    conform(client.call, { only: 'huawei-imagesearch.ModifyImage/documented-200-sample' }),
  ).rejects.toThrow(
    'Failed to run client "echo hello": exited (code 0) without printing a JSON answer',
  )
})

it('kills a client that does not answer within the timeout and throws E_CLIENT', async () => {
  const client = createProcessClient({
    command: 'cat > /dev/null; exec sleep 30',
    env: clientEnv,
    timeoutMs: 300,
  })
  const started = performance.now()
  await expect(
    conform(client.call, { only: 'huawei-imagesearch.ModifyImage/documented-200-sample' }),
  ).rejects.toThrow(
    'no answer to scenario "huawei-imagesearch.ModifyImage/documented-200-sample" within 300 ms (process killed)',
  )
  expect(performance.now() - started).toBeLessThan(5_000)
})

it('throws E_CLIENT when an in-process client does not answer within its timeout', async () => {
  const never = () => new Promise<never>(() => {})
  await expect(
    conform(never, { only: 'huawei-imagesearch.ModifyImage/documented-200-sample', timeoutMs: 50 }),
  ).rejects.toMatchObject({
    code: 'E_CLIENT',
    message:
      'Failed to run client "client": no answer to scenario "huawei-imagesearch.ModifyImage/documented-200-sample" within 50 ms',
  })
})

it('writes the JSON and JUnit reports from the CLI and exits 1 for a failing client', async () => {
  const { execFile } = await import('node:child_process')
  const dir = await mkdtemp(join(tmpdir(), 'conform-'))
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        'node',
        ['--import', 'tsx', 'src/cli/main.ts', 'conform', ...args],
        (_e, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
      )
    })
  const failing = await run([
    '--client',
    `${TSX} examples/clients/broken-client.ts`,
    '--persistent',
    '--only',
    'alibaba-vod.UpdateImageInfos/live-',
    '--json',
    join(dir, 'r.json'),
    '--junit',
    join(dir, 'r.xml'),
  ])
  expect(failing.code).toBe(1)
  expect(failing.stdout).toContain('0 passed, 2 failed, 0 not applicable')
  const json = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8'))
  expect(json.results.map((r: { id: string }) => r.id)).toEqual([
    'alibaba-vod.UpdateImageInfos/live-json',
    'alibaba-vod.UpdateImageInfos/live-xml',
  ])
  expect(XMLValidator.validate(await readFile(join(dir, 'r.xml'), 'utf8'))).toBe(true)
  const usage = await run(['--client', 'true', '--only', 'no-such-scenario'])
  expect(usage.code).toBe(2)
  expect(usage.stderr).toContain('no scenario matches')
  const noJson = await run([
    '--client',
    'true',
    '--only',
    'huawei-imagesearch.ModifyImage/documented-200',
  ])
  expect(noJson.code).toBe(2)
  expect(noJson.stderr).toContain(
    'Failed to run client "true": exited (code 0) without printing a JSON answer',
  )
}, 30_000)

it('prints each scenario result line from the CLI as it completes, in order, before the table', async () => {
  const { execFile } = await import('node:child_process')
  const { stdout, code } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
    const child = execFile(
      'node',
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'conform',
        '--client',
        `${TSX} examples/clients/reference-client.ts`,
        '--persistent',
        '--provider',
        'huawei-imagesearch',
      ],
      (_e, out) => resolve({ code: child.exitCode, stdout: out }),
    )
  })
  expect(code).toBe(0)
  const ids = selectScenarios(conformScenarios(), { provider: 'huawei-imagesearch' }).map(
    (s) => s.id,
  )
  const total = ids.length
  const streamed = stdout.split('\n').filter((line) => line.startsWith('['))
  expect(streamed.map((line) => line.replace(/ {2}\d+ ms$/, ''))).toEqual(
    ids.map((id, i) => `[${String(i + 1).padStart(String(total).length)}/${total}] pass  ${id}`),
  )
  // Not a TTY: plain lines only, no progress line to overwrite.
  expect(stdout).not.toContain('\r')
  expect(stdout.indexOf(streamed.at(-1)!)).toBeLessThan(stdout.indexOf('scenario  '))
  expect(stdout).toContain(`${total} passed, 0 failed`)
}, 30_000)

it('passes every scenario with the Python standard-library client in persistent mode', async () => {
  const client = createProcessClient({
    command: 'python3 examples/clients/python_client.py',
    env: clientEnv,
    persistent: true,
  })
  try {
    const report = await conform(client.call)
    expect(failedIds(report)).toEqual([])
    expect(report.passed).toBe(71)
  } finally {
    client.close()
  }
})

it('runs the Python client as a process per scenario', async () => {
  const client = createProcessClient({
    command: 'python3 examples/clients/python_client.py',
    env: clientEnv,
  })
  const report = await conform(client.call, { only: '*-xml' })
  expect(report.results.map((r) => `${r.id} ${r.status}`)).toEqual([
    'alibaba-vod.UpdateImageInfos/live-xml pass',
    'alibaba-vod.UpdateImageInfos/21-items-xml pass',
    'alibaba-vod.UpdateVideoInfos/live-xml pass',
    'alibaba-vod.UpdateVideoInfos/documented-xml pass',
  ])
})
