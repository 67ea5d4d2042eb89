import { z } from 'zod'
import { defineOperation } from './define-operation.ts'
import { jsonArrayString, type LimitSource, long, tagList, text } from './limits.ts'

/** ReferenceId: 6 to 64 characters of letters, digits, `-` and `_`, unique per account. */
export const referenceId = (source: LimitSource) =>
  text({
    pattern: { regex: /^[A-Za-z0-9_-]{6,64}$/, describe: '6 to 64 characters of [A-Za-z0-9_-]' },
    source,
  })

const item = z
  .object({
    VideoId: z.string().min(1).optional(),
    ReferenceId: referenceId('seed 001').optional(),
    // The page states no limit on Title, Description or CoverURL and no emoji rule: none is
    // enforced (the 128-byte CoverURL cap is UpdateMediaInfo's, README Decisions). Tags: as stated.
    Title: z.string().optional(),
    Description: z.string().optional(),
    Tags: tagList({ maxTags: 16, maxTagBytes: 32, source: 'seed 001' }).optional(),
    CoverURL: z.string().optional(),
    CateId: long.optional(),
  })
  .refine((value) => value.VideoId !== undefined || value.ReferenceId !== undefined, {
    path: ['VideoId'],
    message: 'or ReferenceId is required',
    params: { fault: 'MissingParameter' },
  })

/**
 * Alibaba Cloud VOD `UpdateVideoInfos` (2017-03-21): partial update of up to 20 videos, located by
 * `VideoId` or by `ReferenceId`; 30 calls/s per account.
 * @see https://www.alibabacloud.com/help/en/vod/api-updatevideoinfos (seed 001)
 */
export const updateVideoInfos = defineOperation({
  id: 'alibaba-vod.UpdateVideoInfos',
  provider: 'alibaba-vod',
  protocol: 'alibaba-rpc',
  action: 'UpdateVideoInfos',
  version: '2017-03-21',
  product: 'vod',
  summary: 'Updates information for multiple audio or video files.',
  docUrl: 'https://www.alibabacloud.com/help/en/vod/api-updatevideoinfos',
  hosts: ['vod.aliyuncs.com', 'vod.cn-shanghai.aliyuncs.com'],
  hostTemplates: ['vod.aliyuncs.com', 'vod.{region}.aliyuncs.com'],
  input: z.object({ UpdateContent: jsonArrayString(item, 20, 'seed 001') }),
  result: [
    {
      name: 'ForbiddenVideoIds',
      item: 'VideoId',
      json: { live: 'flat', documented: 'flat' },
      xml: { live: 'wrapped', documented: 'bare' },
    },
    {
      name: 'NonExistVideoIds',
      item: 'VideoId',
      json: { live: 'flat', documented: 'flat' },
      xml: { live: 'wrapped', documented: 'bare' },
    },
    {
      name: 'NonExistReferenceIds',
      item: 'ReferenceId',
      json: { live: 'flat', documented: 'flat' },
      xml: { live: 'wrapped', documented: 'bare' },
    },
  ],
  faults: [
    'CountExceeded',
    'MissingParameter',
    'InvalidParameter',
    'ValueTooLarge',
    'Throttled',
    'Duplicate',
  ],
  rateLimit: 30,
  sampleRequests: [
    {
      name: 'documented sample request',
      host: 'vod.aliyuncs.com',
      params: {
        UpdateContent:
          '[{"VideoId":"f45cf4eba5cb90233389558c39****","Title":"Alibaba Cloud VOD Video Title1"},{"VideoId":"f45cf4eba5c84233389558c36****","Title":"Alibaba Cloud VOD Video Title2"}]',
      },
    },
  ],
  samples: [
    {
      name: 'documented JSON sample',
      format: 'json',
      profile: 'documented',
      status: 200,
      body: `{
  "RequestId": "25818875-5F78-4AF6-D7393642CA58****",
  "ForbiddenVideoIds": [
    "f45cf4eba5c84233389558c36****"
  ],
  "NonExistVideoIds": [
    "f45cf4eba5cb90233389558c39****"
  ],
  "NonExistReferenceIds": [
    "123-123"
  ]
}`,
    },
  ],
})
