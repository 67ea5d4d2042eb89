import { expect, it } from 'vitest'
import { alibabaRpc } from './alibaba-rpc.ts'
import { huaweiApig } from './huawei-apig.ts'
import type { WireProtocol } from './protocol.ts'
import { redactKeyId } from './redact-key-id.ts'

it('shows a key id that only names a secret as it is', () => {
  expect(redactKeyId(alibabaRpc, 'alibaba', 'testAccessKeyId')).toBe('testAccessKeyId')
  expect(redactKeyId(huaweiApig, 'huawei-aksk', 'testHuaweiAK')).toBe('testHuaweiAK')
})

it('masks a token to its first four characters and its length', () => {
  expect(redactKeyId(huaweiApig, 'huawei-token', 'test-x-auth-token')).toBe('test…(17 chars)')
})

it('shows only the length of a short token', () => {
  expect(redactKeyId(huaweiApig, 'huawei-token', 'forged')).toBe('…(6 chars)')
})

it('masks a key id of a kind its scheme does not declare: the safe side', () => {
  const scheme = { credentials: [] } as unknown as WireProtocol
  expect(redactKeyId(scheme, 'unknown', 'a-token-of-no-declared-kind')).toBe('a-to…(27 chars)')
})
