import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { createLeakScanner } from './create-leak-scanner.ts'
import { findLeaks } from './find-leaks.ts'

const kinds = (leaks: { kind: string }[]) => leaks.map((leak) => leak.kind).sort()

it('finds what findLeaks finds, with a few secrets and with thousands', () => {
  const secrets = Array.from({ length: 5_000 }, (_, i) =>
    randomBytes(8 + (i % 40)).toString(i % 2 ? 'base64' : 'hex'),
  )
  const present = [secrets[7]!, secrets[4_321]!, 'a+b/c=d secret']
  const text = [
    'prefix ',
    present[0],
    ' middle ',
    encodeURIComponent(present[1]!),
    JSON.stringify(present[2]).slice(1, -1),
    ' LTAI0123456789abcdef tail',
  ].join('')
  for (const set of [
    [...present, 'absent-secret'],
    [...secrets, present[2]!],
  ]) {
    const scanner = createLeakScanner(set)
    const found = scanner.scan(text)
    expect(kinds(found), `${set.length} secrets`).toEqual(kinds(findLeaks(text, set)))
    expect(found).toHaveLength(4)
  }
})

it('finds a secret added later, at the very start and the very end of the text, and skips short ones', () => {
  const scanner = createLeakScanner(Array.from({ length: 100 }, (_, i) => `filler-secret-${i}`))
  expect(scanner.scan('abcdef-start … end-uvwxyz')).toEqual([])
  scanner.add('abcdef')
  scanner.add('uvwxyz')
  scanner.add('short')
  expect(scanner.scan('abcdef-start … end-uvwxyz').map((leak) => leak.at)).toEqual([0, 19])
  expect(scanner.scan('short')).toEqual([])
  expect(scanner.scan('uvwxy')).toEqual([])
})
