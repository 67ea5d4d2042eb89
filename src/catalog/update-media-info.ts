import { z } from 'zod'
import { defineOperation } from './define-operation.ts'
import { booleanString, long, tagList, text } from './limits.ts'
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
  input: z
    .object({
      MediaId: z.string().optional(),
      InputURL: z.string().optional(),
      BusinessType: z.enum(BUSINESS_TYPES).optional(),
      Title: text({ maxBytes: 128, source: 'seed 002' }).optional(),
      Description: text({ maxBytes: 1024, source: 'seed 002' }).optional(),
      Category: text({ maxBytes: 64, source: 'seed 002' }).optional(),
      MediaTags: tagList({ maxTags: 16, maxTagBytes: 32, source: 'seed 002' }).optional(),
      CoverURL: text({ maxBytes: 128, source: 'seed 002' }).optional(),
      UserData: text({ maxBytes: 1024, source: 'seed 002' }).optional(),
      AppendTags: booleanString.optional(),
      CateId: long.optional(),
      ReferenceId: referenceId('seed 002').optional(),
    })
    .refine((value) => Boolean(value.MediaId) || Boolean(value.InputURL), {
      path: ['MediaId'],
      message: 'or InputURL is required',
      params: { fault: 'MissingParameter' },
    }),
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
