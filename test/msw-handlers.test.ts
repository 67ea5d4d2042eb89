import RPCClient from '@alicloud/pop-core'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { createHandlers, vendorHostPattern } from '../src/msw/index.ts'
import type { Trace } from '../src/pipeline/index.ts'
import { createSimulator, SAMPLE_IDS } from '../src/simulator/index.ts'

// pop-core runs in this process against the real vendor hostname; the MSW handlers answer with the
// simulator's behaviour (the same pipeline as `tapedeck serve`), and nothing leaves the process.
const simulator = createSimulator()
const traces: Trace[] = []
const server = setupServer(
  ...createHandlers({ simulator, onRequest: (trace) => traces.push(trace) }),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  simulator.reset()
  traces.length = 0
})
afterAll(() => server.close())

const vod = (secret = 'testAccessKeySecret') =>
  new RPCClient({
    accessKeyId: 'testAccessKeyId',
    accessKeySecret: secret,
    endpoint: 'https://vod.cn-shanghai.aliyuncs.com',
    apiVersion: '2017-03-21',
  })

it('changes the simulator state and lists the non-existent image, over the real hostname', async () => {
  const content = [
    { ImageId: SAMPLE_IDS.vodImage, Title: 'From MSW' },
    { ImageId: SAMPLE_IDS.vodImageMissing, Title: 'x' },
  ]
  const out = await vod().request(
    'UpdateImageInfos',
    { UpdateContent: JSON.stringify(content) },
    { method: 'POST' },
  )
  expect(out).toMatchObject({ NonExistImageIds: { ImageId: [SAMPLE_IDS.vodImageMissing] } })
  expect(simulator.getState().vodImages.find((i) => i.imageId === SAMPLE_IDS.vodImage)?.title).toBe(
    'From MSW',
  )
  expect(traces).toMatchObject([{ operation: 'alibaba-vod.UpdateImageInfos', status: 200 }])
})

it('answers a wrong secret with SignatureDoesNotMatch', async () => {
  const call = vod('wrong-secret').request(
    'UpdateImageInfos',
    { UpdateContent: '[{"ImageId":"vod-image-01"}]' },
    { method: 'GET' },
  )
  await expect(call).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' })
  expect(simulator.getState().vodImages.find((i) => i.imageId === 'vod-image-01')?.title).toBe(
    'Image 01',
  )
})

it('serves IMS on its regional host too', async () => {
  const ice = new RPCClient({
    accessKeyId: 'testAccessKeyId',
    accessKeySecret: 'testAccessKeySecret',
    endpoint: 'https://ice.cn-beijing.aliyuncs.com',
    apiVersion: '2020-11-09',
  })
  const out = await ice.request(
    'UpdateMediaInfo',
    { MediaId: SAMPLE_IDS.iceMedia, Title: 'msw' },
    { method: 'POST' },
  )
  expect(out).toMatchObject({ MediaId: SAMPLE_IDS.iceMedia })
})

it('matches every documented vendor host and nothing else', () => {
  const pattern = vendorHostPattern()
  for (const url of [
    'https://vod.cn-shanghai.aliyuncs.com/',
    'https://vod.aliyuncs.com/?Action=x',
    'https://ice.ap-southeast-1.aliyuncs.com/',
    'https://image.api.qcloud.com/v2/index.php',
    'https://cvm.api.qcloud.com/v2/index.php',
    'https://cvm.tencentcloudapi.com/',
    'https://cvm.ap-guangzhou.tencentcloudapi.com/',
    'https://imagesearch.cn-north-4.myhuaweicloud.com/v1/p/i/image',
  ]) {
    expect(pattern.test(url), url).toBe(true)
  }
  for (const url of [
    'https://oss.aliyuncs.com/',
    'https://evil.com/vod.aliyuncs.com',
    'https://cvm.tencentcloudapi.com.evil.com/',
  ]) {
    expect(pattern.test(url), url).toBe(false)
  }
})
