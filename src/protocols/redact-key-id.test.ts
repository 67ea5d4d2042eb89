import { expect, it } from 'vitest'
import { redactKeyId } from './redact-key-id.ts'

it('shows a key id that only names a secret as it is', () => {
  expect(redactKeyId('alibaba', 'testAccessKeyId')).toBe('testAccessKeyId')
  expect(redactKeyId('huawei-aksk', 'testHuaweiAK')).toBe('testHuaweiAK')
})

it('masks a token to its first four characters and its length', () => {
  expect(redactKeyId('huawei-token', 'test-x-auth-token')).toBe('test…(17 chars)')
})

it('shows only the length of a short token', () => {
  expect(redactKeyId('huawei-token', 'forged')).toBe('…(6 chars)')
})
