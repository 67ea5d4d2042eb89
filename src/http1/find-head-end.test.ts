import { expect, it } from 'vitest'
import { canBecomeHead, findHeadEnd, mayEndHead } from './find-head-end.ts'

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

it('says when a chunk after held head bytes may let the parser act', () => {
  const may = (tail: string, chunk: string) => mayEndHead(tail, bytes(chunk))
  expect(may('', 'X-A: 1\r\n')).toBe(false)
  expect(may('1\r\n', 'X-B: 2')).toBe(false)
  expect(may('', 'X: 1\r\n\r\n')).toBe(true)
  // The empty line split across the boundary, at each of its three inner points.
  expect(may('x\r\n', '\r\nbody')).toBe(true)
  expect(may('\r\n\r', '\nbody')).toBe(true)
  expect(may('1\r\n', '\r\n')).toBe(true)
  expect(may('x\r', '\n\r\n')).toBe(true)
  // A bare LF, in the chunk or just after the held bytes: the parser refuses it at once.
  expect(may('', 'X: 1\nY')).toBe(true)
  expect(may('abc', '\nY')).toBe(true)
  expect(may('ab\r', '\nY')).toBe(false)
})
