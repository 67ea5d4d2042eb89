/**
 * The inspector on `tapedeck replay` as users see it, in Debian's Chromium (headless, driven by
 * playwright-core): a hit and a miss appear live, and the miss shows its near-miss diff.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { sendWire } from '../src/client/index.ts'
import { type ReplayServer, startReplayServer } from '../src/replay/index.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'
import { launchChromium } from './support/launch-chromium.ts'

let browser: Awaited<ReturnType<typeof launchChromium>>
let server: ReplayServer
let page: Page

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await page?.close()
  await server?.close()
  await browser?.close()
})

const item = (Title: string) => [{ ImageId: 'vod-image-01', Title }]

it('shows a replay hit and a miss live; the miss shows its near-miss diff, the other views hidden', async () => {
  server = await startReplayServer({
    tapes: [buildTape([[imageRequest(item('a')), okResponse('first')]], { source: 'vod.har' })],
  })
  page = await browser.context.newPage()
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  await page.goto(`${server.url}/__tapedeck/`)
  await expect.poll(() => page.textContent('#live')).toBe('live')
  // A replay server has no state, faults or coverage: only Requests is offered.
  await expect.poll(() => page.locator('nav a:visible').allTextContents()).toEqual(['Requests'])

  await sendWire(server.url, imageRequest(item('a')))
  await sendWire(server.url, imageRequest(item('b')))
  await expect.poll(() => page.locator('#requests-body tr').count()).toBe(2)
  const [miss, hit] = await Promise.all(
    [0, 1].map((n) => page.locator('#requests-body tr').nth(n).locator('td').allTextContents()),
  )
  expect(hit!.slice(1, 8)).toEqual([
    'POST',
    'alibaba-vod.UpdateImageInfos',
    '',
    '',
    '200',
    '',
    'hit',
  ])
  expect(miss!.slice(1, 8)).toEqual([
    'POST',
    'alibaba-vod.UpdateImageInfos',
    '',
    '',
    '404',
    'TapedeckNoRecording',
    'miss',
  ])
  // The outcome filter offers replay's outcomes.
  await page.selectOption('#filter-outcome', 'miss')
  await expect.poll(() => page.locator('#requests-body tr').count()).toBe(1)

  await page.locator('#requests-body tr').first().click()
  await page.locator('#near-miss-diff').waitFor()
  expect(await page.locator('#near-miss-diff tbody tr td').allTextContents()).toEqual([
    'UpdateContent[0].Title',
    '"a"',
    '"b"',
  ])
  expect(await page.textContent('#near-miss')).toContain('vod.har entry 0')
  expect(await page.textContent('#request-text')).toContain('Signature=<redacted>')
  expect(problems).toEqual([])
})
