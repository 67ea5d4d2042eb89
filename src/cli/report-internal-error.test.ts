import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { reportInternalError } from './report-internal-error.ts'

it('returns one line naming the file that holds the command and the full trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-internal-'))
  const line = reportInternalError(new Error('boom\nsecond line'), ['serve', '--port', '0'], dir)
  expect(line).not.toContain('\n')
  const file = /the full trace is in (\S+)\)$/.exec(line)?.[1]
  expect(line).toMatch(/^Failed to run "tapedeck serve": boom \(an internal error; /)
  const written = readFileSync(file!, 'utf8')
  expect(written).toMatch(/^tapedeck serve --port 0\nError: boom\nsecond line\n {4}at /)
})

it('still returns one line when the trace cannot be written', () => {
  const line = reportInternalError('not an Error', ['verify'], join(tmpdir(), 'no', 'such', 'dir'))
  expect(line).not.toContain('\n')
  expect(line).toMatch(
    /^Failed to run "tapedeck verify": not an Error \(an internal error; its trace could not be written to ".*": Error: ENOENT/,
  )
})
