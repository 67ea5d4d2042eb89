import { z } from 'zod'
import { defineOperation } from './define-operation.ts'
import { jsonArrayString, long, type RuleSource, requireOneOf, tagList, text } from './limits.ts'

/** ReferenceId: 6 to 64 characters of letters, digits, `-` and `_`, unique per account. */
export const referenceId = (from: RuleSource) =>
  text({ charset: { chars: 'A-Za-z0-9_-', minChars: 6, maxChars: 64 } }, from)

const item = requireOneOf(
  z.object({
    VideoId: z.string().min(1).optional(),
    ReferenceId: referenceId({
      source: 'seed 001',
      quote:
        'It can contain only lowercase letters, uppercase letters, digits, hyphens (-), and underscores (_). The length must be 6 to 64 characters.',
    }).optional(),
    // The page states no limit on Title, Description or CoverURL and no emoji rule: none is
    // enforced (the 128-byte CoverURL cap is UpdateMediaInfo's, README Decisions). Tags: as stated.
    Title: z.string().optional(),
    Description: z.string().optional(),
    Tags: tagList(
      { maxTags: 16, maxTagBytes: 32 },
      {
        source: 'seed 001',
        quote: 'A single tag can be up to 32 bytes in length. A maximum of 16 tags are supported.',
      },
    ).optional(),
    CoverURL: z.string().optional(),
    CateId: long({ source: 'seed 001', quote: 'CateIdLongNo' }).optional(),
  }),
  ['VideoId', 'ReferenceId'],
  // The page marks VideoId required; a ReferenceId alone locates a video too (protocols.md §3).
  { source: 'protocols.md §3', quote: 'elements may carry `ReferenceId` instead of VideoId' },
)

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
  input: z.object({
    UpdateContent: jsonArrayString(item, 20, {
      source: 'seed 001',
      quote:
        'You can modify the information of a maximum of 20 audio or video files in a single request.',
    }),
  }),
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
