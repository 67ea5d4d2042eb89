import { expect, it } from 'vitest'
import { canBecomeHead, findHeadEnd } from './find-head-end.ts'

const bytes = (text: string) => Buffer.from(text, 'latin1')

it('finds the empty line that ends a head, and where the body starts', () => {
  expect(findHeadEnd(bytes('GET / HTTP/1.1\r\nHost: x\r\n\r\nbody'), 0)).toEqual({
    text: 'GET / HTTP/1.1\r\nHost: x',
    next: 27,
  })
})

it('finds nothing while the empty line has not arrived, nor in bare LFs', () => {
  expect(findHeadEnd(bytes('GET / HTTP/1.1\r\nHost: x\r\n'), 0)).toBeUndefined()
  expect(findHeadEnd(bytes('GET / HTTP/1.1\nHost: x\n\n'), 0)).toBeUndefined()
})

it('tells a head in the making from bytes that can never become one', () => {
  const can = (text: string) => canBecomeHead(bytes(text), 0)
  expect(can('GE')).toBe(true)
  expect(can('GET /partial')).toBe(true)
  expect(can('GET / HTTP/1.1\r\nHost: x\r\n')).toBe(true)
  expect(can(`${'A'.repeat(40)}`)).toBe(true)
  expect(can(' GET')).toBe(false)
  expect(can('\u0016\u0003\u0001\u0002\u0000')).toBe(false)
  expect(can('G\u00e9T / HTTP/1.1')).toBe(false)
  expect(can('GET / HTTP/1.1\nHost: x\n\n')).toBe(false)
  expect(can('GET / HTTP/1.1\r\nHost: x\r\n\n')).toBe(false)
})
