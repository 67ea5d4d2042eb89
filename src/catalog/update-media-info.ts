import { z } from 'zod'
import { defineOperation } from './define-operation.ts'
import { bool, long, oneOf, type RuleSource, requireOneOf, tagList, text } from './limits.ts'
import { referenceId } from './update-video-infos.ts'

/** BusinessType's listed values, plus `video`, the documented example that the list leaves out. */
export const BUSINESS_TYPES = [
  'subtitles',
  'watermark',
  'opening',
  'ending',
  'general',
  'video',
] as const

/** MediaTags: at most 16 tags of at most 32 bytes (seed 002), an append included. */
export const MEDIA_TAG_LIMITS = { maxTags: 16, maxTagBytes: 32 } as const

const seed002 = (quote: string | readonly string[]): RuleSource => ({ source: 'seed 002', quote })
const BYTES_128 = 'The value can be up to 128 bytes in length.'
const BYTES_1024 = 'The value can be up to 1,024 bytes in length.'

/**
 * Alibaba Cloud IMS (`ice`) `UpdateMediaInfo` (2020-11-09): updates one media asset located by
 * `MediaId`, or by its registered `InputURL` when `MediaId` is empty.
 * @see https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-updatemediainfo (seed 002)
 */
export const updateMediaInfo = defineOperation({
  id: 'alibaba-ice.UpdateMediaInfo',
  provider: 'alibaba-ice',
  protocol: 'alibaba-rpc',
  action: 'UpdateMediaInfo',
  version: '2020-11-09',
  product: 'ice',
  summary: 'Updates information about a media asset by its IMS id or its input URL.',
  docUrl:
    'https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-updatemediainfo',
  hosts: ['ice.cn-shanghai.aliyuncs.com'],
  hostTemplates: ['ice.{region}.aliyuncs.com'],
  input: requireOneOf(
    z.object({
      MediaId: z.string().optional(),
      InputURL: z.string().optional(),
      BusinessType: oneOf(BUSINESS_TYPES, {
        source: 'seed 002',
        quote: 'Valid values: • subtitles • watermark • opening • ending • general video',
      }).optional(),
      Title: text({ maxBytes: 128 }, seed002(BYTES_128)).optional(),
      Description: text({ maxBytes: 1024 }, seed002(BYTES_1024)).optional(),
      Category: text(
        { maxBytes: 64 },
        seed002('The value can be up to 64 bytes in length.'),
      ).optional(),
      MediaTags: tagList(
        MEDIA_TAG_LIMITS,
        seed002(['Up to 16 tags are supported.', 'Each tag can be up to 32 bytes in length.']),
      ).optional(),
      CoverURL: text({ maxBytes: 128 }, seed002(BYTES_128)).optional(),
      UserData: text(
        { maxBytes: 1024 },
        seed002('The user data. It can be up to 1,024 bytes in size.'),
      ).optional(),
      AppendTags: bool(seed002('AppendTags boolean')).optional(),
      // Seed 002 types it "integer"; the SDK models and the VOD pages make it a Long (§4).
      CateId: long({ source: 'protocols.md §4', quote: '`CateId` long' }).optional(),
      ReferenceId: referenceId(
        seed002(
          'The ID can be 6 to 64 characters in length and can contain only letters, digits, hyphens (-), and underscores (_).',
        ),
      ).optional(),
    }),
    ['MediaId', 'InputURL'],
    seed002('If this parameter is left empty, you must specify the input URL of the media asset'),
  ),
  result: [{ name: 'MediaId' }],
  faults: ['MissingParameter', 'InvalidParameter', 'ValueTooLarge', 'NotFound', 'Duplicate'],
  sampleRequests: [
    {
      name: 'documented sample request (the Example column)',
      host: 'ice.cn-shanghai.aliyuncs.com',
      params: {
        MediaId: '****20b48fb04483915d4f2cd8ac****',
        InputURL: 'http://example-bucket.oss-cn-shanghai.aliyuncs.com/example.mp4',
        BusinessType: 'video',
        Title: 'defaultTitle',
        Description: 'defaultDescription',
        Category: 'defaultCategory',
        MediaTags: 'updateTags1,updateTags2',
        CoverURL: 'http://example-bucket.oss-cn-shanghai.aliyuncs.com/example.png',
        UserData: 'userData',
        AppendTags: 'true',
        CateId: '3048',
        ReferenceId: '123-123',
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
  "RequestId": "******11-DB8D-4A9A-875B-275798******",
  "MediaId": "****20b48fb04483915d4f2cd8ac****"
}`,
    },
  ],
})
