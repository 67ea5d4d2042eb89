import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import {
  floorTarget,
  peerTargets,
  replayTarget,
  selectTargets,
  serveTarget,
} from '../bench/targets.ts'

const PACKAGES: Record<string, string> = {
  mockttp: 'mockttp',
  msw: 'msw',
  talkback: 'talkback',
  prism: '@stoplight/prism-cli',
  wiremock: 'wiremock',
}
const pins = JSON.parse(readFileSync('package.json', 'utf8')).devDependencies as Record<
  string,
  string
>

it('labels each peer with the version package.json pins', () => {
  for (const target of peerTargets) {
    const version = pins[PACKAGES[target.id]!]
    expect(version, target.id).toMatch(/^\d+\.\d+\.\d+$/)
    expect(target.label, target.id).toContain(` ${version}`)
  }
})

it('starts replay inside the directory its tape is written to', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-bench-'))
  const launch = replayTarget(1).launch({
    port: 1,
    root: process.cwd(),
    compiled: '',
    dir,
    body: '',
    contentType: 'application/json',
  })
  expect('args' in launch && launch.args.join(' ')).toContain(`${dir}/tape.har --dir ${dir}`)
})

it('runs the targets --only names with the floor, and refuses an id that names none', () => {
  const all = [serveTarget, floorTarget, replayTarget(10), ...peerTargets]
  expect(selectTargets(all, undefined)).toHaveLength(all.length)
  expect(selectTargets(all, ['serve', 'replay-10']).map((target) => target.id)).toEqual([
    'serve',
    'floor',
    'replay-10',
  ])
  expect(() => selectTargets(all, ['serve', 'replay10', 'msw-get-response'])).toThrow(
    /no target "replay10", "msw-get-response"; the targets are serve, floor, replay-10, mockttp/,
  )
})
