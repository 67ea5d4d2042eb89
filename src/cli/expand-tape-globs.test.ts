import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { expandTapeGlobs } from './expand-tape-globs.ts'

it('expands a pattern a shell left unexpanded, sorted, and keeps plain names as given', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-globs-'))
  mkdirSync(join(dir, 'tapes'))
  for (const name of ['b.har', 'a.har', 'a.har.previous', 'notes.txt'])
    writeFileSync(join(dir, 'tapes', name), '')
  expect(expandTapeGlobs(['tapes/*.har', 'other.har'], dir)).toEqual([
    'tapes/a.har',
    'tapes/b.har',
    'other.har',
  ])
  expect(() => expandTapeGlobs(['tapes/*.json'], dir)).toThrow(
    'Failed to use option "TAPES": no file matches "tapes/*.json"; give tape files or a pattern that matches some',
  )
})
