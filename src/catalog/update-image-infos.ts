import { z } from 'zod'
import { defineOperation } from './define-operation.ts'
import { jsonArrayString, long, tagList, text } from './limits.ts'

// Seed 000 states every rule: its table, and the note that Title, Description and Tags "cannot
// contain emoticons" (what an emoticon is: README Decisions, Emoji).
const NO_EMOTICONS =
  'Title, Description, and Tags under the UpdateContent parameter cannot contain emoticons'

const item = z.object({
  ImageId: z.string().min(1),
  Title: text(
    { maxBytes: 128, noEmoji: true },
    { source: 'seed 000', quote: ['The title can be up to 128 bytes in length.', NO_EMOTICONS] },
  ).optional(),
  Description: text(
    { maxBytes: 1024, noEmoji: true },
    {
      source: 'seed 000',
      quote: ['The description can be up to 1,024 bytes in length.', NO_EMOTICONS],
    },
  ).optional(),
  Tags: tagList(
    { maxTags: 16, maxTagBytes: 32, noEmoji: true },
    {
      source: 'seed 000',
      quote: [
        'Each tag can be up to 32 bytes in length. You can specify a maximum of 16 tags.',
        NO_EMOTICONS,
      ],
    },
  ).optional(),
  CateId: long({ source: 'seed 000', quote: '|CateId |Long' }).optional(),
})

/**
 * Alibaba Cloud VOD `UpdateImageInfos` (2017-03-21): partial update of up to 20 images; unknown ids
 * come back in `NonExistImageIds` with HTTP 200.
 * @see https://help.aliyun.com/zh/vod/api-updateimageinfos (seed 000)
 */
export const updateImageInfos = defineOperation({
  id: 'alibaba-vod.UpdateImageInfos',
  provider: 'alibaba-vod',
  protocol: 'alibaba-rpc',
  action: 'UpdateImageInfos',
  version: '2017-03-21',
  product: 'vod',
  summary: 'Modifies the information about one or more images at a time.',
  docUrl:
    'https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-updateimageinfos',
  hosts: ['vod.aliyuncs.com', 'vod.cn-shanghai.aliyuncs.com'],
  hostTemplates: ['vod.aliyuncs.com', 'vod.{region}.aliyuncs.com'],
  input: z.object({
    UpdateContent: jsonArrayString(item, 20, {
      source: 'seed 000',
      quote: 'You can modify the information about up to 20 images at a time.',
    }),
  }),
  result: [
    {
      name: 'NonExistImageIds',
      item: 'ImageId',
      json: { live: 'wrapped', documented: 'flat' },
      xml: { live: 'wrapped', documented: 'bare' },
    },
  ],
  faults: ['CountExceeded', 'MissingParameter', 'InvalidParameter', 'ValueTooLarge'],
  sampleRequests: [
    {
      name: 'documented sample request',
      host: 'vod.aliyuncs.com',
      params: {
        UpdateContent:
          '[{"ImageId":"ff8fe57e3461416c*****6a267a4e09","Title":"Title","Description":"Description","Tags":"Tag 1,Tag 2"}]',
      },
    },
  ],
  samples: [
    {
      name: 'documented XML sample',
      format: 'xml',
      profile: 'documented',
      status: 200,
      body: `<UpdateImageInfosResponse>
	  <RequestId>25818875-5F78-4A*****F6-D7393642CA58</RequestId>
	  <NonExistImageIds>f45cf4eba5c8*****0233389558c39</NonExistImageIds>
</UpdateImageInfosResponse>`,
    },
    {
      name: 'documented JSON sample',
      format: 'json',
      profile: 'documented',
      status: 200,
      body: `{
    "RequestId": "25818875-5F78-4A*****F6-D7393642CA58",
    "NonExistImageIds":["f45cf4eba5c8*****0233389558c39"]
}`,
    },
    {
      name: 'live JSON shape (help.aliyun.com zh example, official SDK models)',
      format: 'json',
      profile: 'live',
      status: 200,
      body: '{"RequestId":"25818875-5F78-4A*****F6-D7393642CA58","NonExistImageIds":{"ImageId":["f45cf4eba5c8*****0233389558c39"]}}',
    },
  ],
})
