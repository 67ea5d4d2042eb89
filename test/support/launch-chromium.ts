import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it when missing). */
const CHROMIUM = process.env['TAPEDECK_CHROMIUM'] ?? '/usr/bin/chromium'

/**
 * Headless Chromium on a fresh profile that talks to nothing but the pages it is sent to: no
 * sandbox (CI containers run as root), no GPU, no QUIC, no first-run, background, component or
 * sync traffic. Close it (and its profile) with `close`. Fails loudly, never skips, when the system
 * Chromium is missing: no browser is ever downloaded.
 */
export async function launchChromium(): Promise<{
  context: BrowserContext
  close(): Promise<void>
}> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium; .ci/run does) or set TAPEDECK_CHROMIUM`,
    )
  const profile = mkdtempSync(join(tmpdir(), 'tapedeck-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 860 },
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
