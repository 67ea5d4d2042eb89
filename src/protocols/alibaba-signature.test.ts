import { expect, it } from 'vitest'
import { v1StringToSign } from './alibaba-signature.ts'

it('encodes space as %20, * as %2A and keeps ~ in the string to sign', () => {
  expect(v1StringToSign('GET', { A: 'a b*~' })).toBe('GET&%2F&A%3Da%2520b%252A~')
})
