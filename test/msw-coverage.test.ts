import RPCClient from '@alicloud/pop-core'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { computeCoverage, renderCoverage } from '../src/index.ts'
import { createHandlers } from '../src/msw/index.ts'
import type { Trace } from '../src/pipeline/index.ts'
import { createSimulator, SAMPLE_IDS } from '../src/simulator/index.ts'

// In-process traffic counts too: the MSW handlers' traces carry the same fields as the journal.
const traces: Trace[] = []
const server = setupServer(
  ...createHandlers({ simulator: createSimulator(), onRequest: (trace) => traces.push(trace) }),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

it("computes coverage from the MSW handlers' traces, variant and format included", async () => {
  const before = computeCoverage({ dropped: 0, requests: traces })
  await new RPCClient({
    accessKeyId: 'testAccessKeyId',
    accessKeySecret: 'testAccessKeySecret',
    endpoint: 'https://vod.cn-shanghai.aliyuncs.com',
    apiVersion: '2017-03-21',
  }).request(
    'UpdateImageInfos',
    { UpdateContent: JSON.stringify([{ ImageId: SAMPLE_IDS.vodImage, Title: 't' }]) },
    { method: 'POST' },
  )
  const after = computeCoverage({ dropped: 0, requests: traces })
  expect(after.covered).toBeGreaterThan(before.covered)
  const images = after.operations.find((o) => o.id === 'alibaba-vod.UpdateImageInfos')!
  expect(images.cells.filter((cell) => cell.requests > 0)).toEqual([
    {
      variant: 'POST',
      format: 'json',
      requests: 1,
      shapes: [
        { name: 'success', covered: true },
        { name: 'error', covered: false },
      ],
    },
  ])
  expect(renderCoverage(after)).toContain('From 1 journaled requests')
})
