import { expect, it } from 'vitest'
import { listLimits, operations } from '../catalog/index.ts'
import type { Trace } from '../pipeline/index.ts'
import { protocols } from '../protocols/index.ts'
import { computeCoverage } from './compute-coverage.ts'
import { listParameters } from './list-parameters.ts'

const trace = (overrides: Partial<Trace>): Trace => ({
  requestId: 'R',
  receivedAt: '2026-01-01T00:00:00.000Z',
  method: 'POST',
  path: '/',
  protocol: 'tencent-v3',
  variant: 'TC3',
  operation: 'tencent-cvm.ModifyImageAttribute',
  keyId: undefined,
  account: 'demo',
  format: 'json',
  params: {},
  steps: [{ step: 'route', ok: true }],
  status: 200,
  code: undefined,
  ...overrides,
})

it('has the whole catalogue as its denominator: no traffic is 0%, and the count is the sum of what the catalogue documents', () => {
  const empty = computeCoverage({ dropped: 0, requests: [] })
  let expected = 0
  for (const operation of operations) {
    const protocol = protocols.find((p) => p.id === operation.protocol)!
    const cells = protocol.variants.length * (protocol.formats ?? ['json']).length
    expected +=
      listParameters(operation.input).length +
      listLimits(operation.input).length +
      operation.faults.length +
      cells * 2
  }
  expect(empty).toMatchObject({ covered: 0, of: expected, percent: 0 })
  expect(empty.of).toBeGreaterThan(100)
  expect(empty.operations.map((o) => o.id)).toEqual(operations.map((o) => o.id))
})

it('counts a parameter sent, a limit reached at its boundary or refused, a documented error produced and each envelope per cell', () => {
  const op = 'tencent-cvm.ModifyImageAttribute'
  const coverage = computeCoverage({
    dropped: 0,
    requests: [
      // ImageName at exactly 20 characters: its maxChars limit is touched; ImageDescription is short.
      trace({ params: { ImageId: 'img-1', ImageName: 'n'.repeat(20), ImageDescription: 'd' } }),
      trace({
        variant: 'HmacSHA1',
        steps: [{ step: 'validate', ok: false, fault: { kind: 'MalformedId', param: 'ImageId' } }],
        code: 'InvalidImageId.Malformed',
      }),
      trace({ operation: undefined, protocol: undefined, variant: undefined }),
    ],
  })
  const cvm = coverage.operations.find((o) => o.id === op)!
  const covered = (items: { name: string; covered: boolean }[]) =>
    items.filter((item) => item.covered).map((item) => item.name)
  expect(covered(cvm.parameters)).toEqual(['ImageId', 'ImageName', 'ImageDescription'])
  expect(covered(cvm.limits)).toEqual(['ImageId', 'ImageName'])
  expect(covered(cvm.errors)).toEqual(['MalformedId'])
  expect(cvm.errors.find((e) => e.name === 'MalformedId')?.detail).toBe('InvalidImageId.Malformed')
  expect(
    cvm.cells.map((cell) => `${cell.variant} ${cell.requests} ${covered(cell.shapes).join('+')}`),
  ).toEqual(['TC3 1 success', 'TC3-GET 0 ', 'HmacSHA256 0 ', 'HmacSHA1 1 error'])
  expect(coverage.traffic).toEqual({ requests: 3, unrouted: 1, dropped: 0 })
  expect(coverage.percent).toBeGreaterThan(0)
  expect(coverage.percent).toBeLessThan(100)
})

it('reads JSON-array parameters item by item: a tag at the byte limit inside UpdateContent touches it', () => {
  const coverage = computeCoverage({
    dropped: 0,
    requests: [
      trace({
        protocol: 'alibaba-rpc',
        variant: 'GET',
        operation: 'alibaba-vod.UpdateVideoInfos',
        params: { UpdateContent: JSON.stringify([{ VideoId: 'v', Tags: `${'t'.repeat(32)},b` }]) },
      }),
    ],
  })
  const vod = coverage.operations.find((o) => o.id === 'alibaba-vod.UpdateVideoInfos')!
  expect(vod.parameters.filter((p) => p.covered).map((p) => p.name)).toEqual([
    'UpdateContent',
    'UpdateContent[].VideoId',
    'UpdateContent[].Tags',
  ])
  expect(vod.limits.filter((l) => l.covered).map((l) => l.name)).toEqual(['UpdateContent[].Tags'])
})
