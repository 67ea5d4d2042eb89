import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'

/** `npm run bench -- …` as it starts: the bench entry point, run from source. */
function bench(args: string[]) {
  const scratch = mkdtempSync(join(tmpdir(), 'tapedeck-bench-cli-'))
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: scratch },
    timeout: 60_000,
  })
  // tsx keeps its own cache there too; what the bench would make is a tapedeck-bench- folder.
  return { ...run, left: readdirSync(scratch).filter((name) => name.startsWith('tapedeck-')) }
}

it.each([
  [['--bogus'], "Unknown option '--bogus'"],
  [['--only', 'nope'], 'no target "nope"; the targets are serve, floor'],
  [['--rounds', '0'], 'Failed to read --rounds: expected a positive integer, got "0"'],
  [['--generator', 'ab'], 'expected wrk or autocannon, got "ab"'],
])('answers the mistake %j with one line, the usage and exit 2, starting nothing', (args, said) => {
  const run = bench(args)
  expect(run.status).toBe(2)
  expect(run.stdout).toBe('')
  const lines = run.stderr.trimEnd().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toContain(said)
  expect(lines[0]).toContain('usage: npm run bench --')
  expect(run.left).toEqual([])
})

it('prints the usage for --help and exits 0', () => {
  const run = bench(['--help'])
  expect(run.status).toBe(0)
  expect(run.stdout).toMatch(/^usage: npm run bench -- \[--quick\].*\[--help\]\n$/)
  expect(run.left).toEqual([])
})
