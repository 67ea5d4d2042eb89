import { z } from 'zod'
import { defineOperation } from './define-operation.ts'
import { bool, type RuleSource, text } from './limits.ts'

const section6 = (quote: string): RuleSource => ({ source: 'protocols.md §6', quote })

/**
 * Tencent Cloud API 3.0 CVM `ModifyImageAttribute` (2017-03-12), the modern twin of the legacy
 * `ModifyImageAttributes`: both modify the same images. Shared images cannot be modified; 10 calls/s.
 * @see https://www.tencentcloud.com/document/api/213/33269 (protocols.md §6)
 */
export const modifyImageAttribute = defineOperation({
  id: 'tencent-cvm.ModifyImageAttribute',
  provider: 'tencent-cvm',
  protocol: 'tencent-v3',
  action: 'ModifyImageAttribute',
  version: '2017-03-12',
  product: 'cvm',
  summary: 'Modifies the name and description of an image (API 3.0).',
  docUrl: 'https://www.tencentcloud.com/document/api/213/33269',
  hosts: [
    'cvm.tencentcloudapi.com',
    'cvm.ap-guangzhou.tencentcloudapi.com',
    'cvm.intl.tencentcloudapi.com',
  ],
  hostTemplates: ['cvm.tencentcloudapi.com', 'cvm.{region}.tencentcloudapi.com'],
  input: z.object({
    // The id's shape is read off the examples (img-gvbnzy6f): inferred, and it refuses nothing the
    // vendor accepts, as no image has an id of another shape (InvalidImageId.Malformed, §6).
    ImageId: text(
      {
        charset: {
          prefix: 'img-',
          chars: 'a-z0-9',
          minChars: 8,
          maxChars: 8,
          fault: 'MalformedId',
        },
      },
      { source: 'inferred' },
    ),
    // No source gives ImageName a minimum or ImageFamily a maximum: neither is enforced (an
    // empty ImageName leaves the name as it was, README Decisions).
    ImageName: text(
      { maxChars: 20 },
      section6('`ImageName` (≤20 chars, must not duplicate an existing image)'),
    ).optional(),
    ImageDescription: text({ maxChars: 60 }, section6('`ImageDescription` (≤60 chars)')).optional(),
    ImageFamily: z.string().optional(),
    ImageDeprecated: bool(section6('`ImageDeprecated` (bool)')).optional(),
  }),
  result: [],
  faults: [
    'MissingParameter',
    'MalformedId',
    'ValueTooLarge',
    'NotFound',
    'Duplicate',
    'IncorrectState',
    'Throttled',
  ],
  // "10 requests per second" on the API page (T-WEB3, protocols.md §6); over it: RequestLimitExceeded.
  rateLimit: 10,
  sampleRequests: [
    {
      name: 'sample request (T-WEB3)',
      host: 'cvm.tencentcloudapi.com',
      params: {
        ImageId: 'img-gvbnzy6f',
        ImageName: 'MyImage',
        ImageDescription: 'MyImageDescription',
      },
    },
  ],
  samples: [
    {
      name: 'documented JSON sample (T-WEB3; request id completed)',
      format: 'json',
      profile: 'documented',
      status: 200,
      body: `{
  "Response": {
    "RequestId": "71e69b56-32be-4998-af37-3fe8a7fd2f30"
  }
}`,
    },
  ],
})
