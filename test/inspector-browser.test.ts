/**
 * The inspector as users see it: Debian's Chromium, headless, driven by playwright-core, on the
 * page `tapedeck serve` serves at /__tapedeck/. The official Tencent SDK makes the calls. With
 * TAPEDECK_SCREENSHOTS=<dir> the same tests write the README's screenshots.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import ExceptionMod from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/exception/tencent_cloud_sdk_exception.js'
import { cvm } from 'tencentcloud-sdk-nodejs-cvm'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { operations } from '../src/catalog/index.ts'
import { DEFAULT_CREDENTIALS, SAMPLE_IDS } from '../src/simulator/index.ts'
import { launchChromium } from './support/launch-chromium.ts'
import { playConformance } from './support/play-conformance.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

const TencentCloudSDKHttpException = ((ExceptionMod as unknown as { default?: unknown }).default ??
  ExceptionMod) as typeof ExceptionMod.default

const { secretId, secretKey } = DEFAULT_CREDENTIALS.tencent
const WRONG_KEY = 'not-the-secret-key-0123456789'
const SHOTS = process.env['TAPEDECK_SCREENSHOTS']

let browser: Awaited<ReturnType<typeof launchChromium>>
let server: TestServer
let page: Page

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())
afterEach(async () => {
  await page?.close()
  await server?.close()
})

/** A server on real time (the SDK stamps requests with the wall clock), nothing throttled by rate. */
async function open(view = 'requests', token?: string): Promise<void> {
  const rateLimits = Object.fromEntries(operations.map((operation) => [operation.id, 0]))
  server = await startTestServer({
    now: Date.now,
    rateLimits,
    ...(token ? { adminToken: token } : {}),
  })
  page = await browser.context.newPage()
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  await page.goto(`${server.url}/__tapedeck/#/${view}`)
  pageProblems = problems
}
let pageProblems: string[] = []

function cvmClient(key: string = secretKey) {
  return new cvm.v20170312.Client({
    credential: { secretId, secretKey: key },
    region: 'ap-guangzhou',
    profile: {
      signMethod: 'TC3-HMAC-SHA256',
      httpProfile: { endpoint: `127.0.0.1:${server.port}`, protocol: 'http://', reqTimeout: 5 },
    },
  })
}

async function sdkCode(call: Promise<unknown>): Promise<string> {
  try {
    await call
  } catch (error) {
    expect(error).toBeInstanceOf(TencentCloudSDKHttpException)
    return (error as { code: string }).code
  }
  return 'success'
}

async function shot(name: string): Promise<void> {
  if (SHOTS)
    await page.screenshot({
      path: join(SHOTS, `${name}.png`),
      clip: { x: 0, y: 0, width: 1100, height: 600 },
    })
}

it('shows an official SDK call live, with operation, scheme and variant, account, status and latency', async () => {
  await open()
  await expect.poll(() => page.textContent('#live')).toBe('live')
  await cvmClient().ModifyImageAttribute({ ImageId: SAMPLE_IDS.cvmImageV3, ImageName: 'seen' })
  const row = page.locator('#requests-body tr').first()
  await row.waitFor()
  const cells = await row.locator('td').allTextContents()
  expect(cells.slice(1, 8)).toEqual([
    'POST',
    'tencent-cvm.ModifyImageAttribute',
    'tencent-v3 · TC3',
    'demo',
    '200',
    '',
    'ok',
  ])
  expect(cells[8]).toMatch(/^\d+(\.\d)? ms$/)
  // The filters narrow the live list: an outcome nobody had hides the row.
  await page.selectOption('#filter-outcome', 'authenticate')
  await expect.poll(() => page.locator('#requests-body tr').count()).toBe(0)
  await page.selectOption('#filter-outcome', 'ok')
  await expect.poll(() => page.locator('#requests-body tr').count()).toBe(1)
  expect(pageProblems).toEqual([])
})

it('a wrong-secret call shows the server canonical request and string to sign, the first differing line marked, no secret', async () => {
  await open()
  await expect.poll(() => page.textContent('#live')).toBe('live')
  await cvmClient().ModifyImageAttribute({ ImageId: SAMPLE_IDS.cvmImageV3, ImageName: 'first' })
  const code = await sdkCode(
    cvmClient(WRONG_KEY).ModifyImageAttribute({ ImageId: SAMPLE_IDS.cvmImageV3, ImageName: 'x' }),
  )
  expect(code).toBe('AuthFailure.SignatureFailure')
  const failed = page.locator('#requests-body tr', { hasText: 'AuthFailure.SignatureFailure' })
  await failed.click()
  await page.locator('#signature').waitFor()
  const steps = await page.locator('#steps li').allTextContents()
  expect(steps.at(-1)).toMatch(/^✗ authenticate — SignatureMismatch/)
  const server = await page.locator('#server-signing .line').allTextContents()
  expect(server[0]).toBe('POST')
  expect(server).toContain('TC3-HMAC-SHA256')

  // What the client signed, with one line changed: that line is marked.
  const serverText = server.map((line) => (line === ' ' ? '' : line)).join('\n')
  const changed = serverText.split('\n')
  changed[2] = 'Action=Wrong'
  await page.fill('#client-signing', changed.join('\n'))
  await expect
    .poll(() => page.textContent('#signing-verdict'))
    .toMatch(/^First difference at line 3/)
  expect(await page.locator('#server-signing .line.differs').allTextContents()).toEqual([server[2]])
  await shot('inspector-signature')
  // The same text: the secret is what differs.
  await page.fill('#client-signing', serverText)
  await expect.poll(() => page.textContent('#signing-verdict')).toMatch(/^Identical/)

  const shown = await page.textContent('body')
  expect(shown).not.toContain(secretKey)
  expect(shown).not.toContain(WRONG_KEY)
  // The curl and the request view carry no signature.
  const curl = (await page.textContent('#curl')) ?? ''
  expect(curl).toMatch(/^curl -X POST 'http:\/\/127\.0\.0\.1:\d+\/'/)
  expect(curl).toContain('Signature=<redacted>')
  expect(curl).not.toMatch(/Signature=[0-9a-f]{64}/)
  expect(pageProblems).toEqual([])
})

it('a state edit with an error names its JSON path and changes nothing; reset restores the seed', async () => {
  await open('state')
  const text = page.locator('#state-text')
  await text.waitFor()
  const original = JSON.parse(await text.inputValue())
  expect(original.credentials).toBeUndefined()
  const edited = structuredClone(original)
  edited.cvmImages[0].imageId = 42
  await text.fill(JSON.stringify(edited, null, 2))
  await page.click('#state-save')
  await expect
    .poll(() => page.locator('#state-issues li').allTextContents())
    .toEqual(['cvmImages[0].imageId: Invalid input: expected string, received number'])
  expect((await server.admin('GET', 'state')).json.cvmImages[0].imageId).toBe(
    original.cvmImages[0].imageId,
  )
  // A valid edit is saved, the hidden credentials kept.
  edited.cvmImages[0].imageId = original.cvmImages[0].imageId
  edited.cvmImages[0].name = 'edited-in-the-page'
  await text.fill(JSON.stringify(edited, null, 2))
  await page.click('#state-save')
  await expect.poll(() => page.textContent('#state-status')).toBe('Saved.')
  const saved = (await server.admin('GET', 'state?secrets=1')).json
  expect(saved.cvmImages[0].name).toBe('edited-in-the-page')
  expect(saved.credentials.tencent[0].secretKey).toBe(secretKey)
  await page.click('#state-reset')
  await expect
    .poll(async () => (await server.admin('GET', 'state')).json.cvmImages[0].name)
    .toBe(original.cvmImages[0].name)
  // The refused PUT is the only thing the browser reports.
  expect(pageProblems).toEqual([
    'Failed to load resource: the server responded with a status of 400 (Bad Request)',
  ])
})

it('a fault toggled in the page changes the next answer, and clearing it restores it', async () => {
  await open('faults')
  const rate = page.locator(
    'input[data-op="tencent-cvm.ModifyImageAttribute"][data-field="errorRate"]',
  )
  await rate.fill('1')
  await page.click('#faults-apply')
  await expect.poll(() => page.textContent('#fault-status')).toBe('Applied.')
  expect(
    await sdkCode(
      cvmClient().ModifyImageAttribute({ ImageId: SAMPLE_IDS.cvmImageV3, ImageName: 'a' }),
    ),
  ).toBe('InternalError')
  await page.click('#faults-clear')
  await expect.poll(async () => (await server.admin('GET', 'faults')).json).toBe(null)
  expect(
    await sdkCode(
      cvmClient().ModifyImageAttribute({ ImageId: SAMPLE_IDS.cvmImageV3, ImageName: 'b' }),
    ),
  ).toBe('success')
  expect(pageProblems).toEqual([])
})

it('coverage rises after the conformance suite runs against the server', async () => {
  await open('coverage')
  const total = page.locator('#coverage-total')
  await expect.poll(() => total.textContent()).toBe('0%')
  await playConformance(server.url)
  await page.click('#coverage-refresh')
  await expect
    .poll(async () => Number.parseFloat((await total.textContent()) ?? '0'))
    .toBeGreaterThan(40)
  expect(await page.locator('.matrix td.covered').count()).toBeGreaterThan(0)
  await page.goto(`${server.url}/__tapedeck/#/requests`)
  await page.locator('#requests-body tr').first().waitFor()
  await shot('inspector-requests')
  expect(pageProblems).toEqual([])
})

it('behind an admin token, the page asks for it and sends it on its calls', async () => {
  const token = 'inspector-test-token-7f3a'
  await open('requests', token)
  await page.locator('#token-form').waitFor({ state: 'visible' })
  expect(await page.textContent('#live')).toBe('offline')
  await page.fill('#token', token)
  await page.click('#token-form button')
  await expect.poll(() => page.textContent('#live')).toBe('live')
  await cvmClient().ModifyImageAttribute({ ImageId: SAMPLE_IDS.cvmImageV3, ImageName: 'tok' })
  await page.locator('#requests-body tr').first().waitFor()
  expect(await page.isHidden('#token-form')).toBe(true)
})
