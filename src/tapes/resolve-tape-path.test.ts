import { join, resolve } from 'node:path'
import { expect, it } from 'vitest'
import { resolveTapePath } from './resolve-tape-path.ts'

it('resolves names and nested paths inside the directory', () => {
  expect(resolveTapePath('a.har', 'recordings')).toBe(resolve('recordings', 'a.har'))
  expect(resolveTapePath('team/b.har', '/tmp/tapes')).toBe(join('/tmp/tapes', 'team/b.har'))
  expect(resolveTapePath('/tmp/tapes/c.har', '/tmp/tapes')).toBe('/tmp/tapes/c.har')
})

it.each(['../x.har', '../../etc/passwd', '/etc/passwd', 'a/../../x.har', '.', ''])(
  'refuses %j, which escapes the directory',
  (path) => {
    expect(() => resolveTapePath(path, '/tmp/tapes')).toThrow(/outside the tape directory/)
  },
)
