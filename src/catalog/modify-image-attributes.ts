import { z } from 'zod'
import { defineOperation } from './define-operation.ts'
import { text } from './limits.ts'

/**
 * Tencent Cloud legacy API 2.0 `ModifyImageAttributes` (`/v2/index.php`): renames or re-describes one
 * image. The doc text names `image.api.qcloud.com`, its sample `cvm.api.qcloud.com`: both are served.
 * An empty `imageName` / `imageDescription` means "unchanged".
 * @see https://cloud.tencent.com/document/api/213/1275 (seed 003)
 */
export const modifyImageAttributes = defineOperation({
  id: 'tencent-cvm-v2.ModifyImageAttributes',
  provider: 'tencent-cvm-v2',
  protocol: 'tencent-v2',
  action: 'ModifyImageAttributes',
  version: undefined,
  product: 'image',
  summary: 'Modifies the name and description of an image (legacy API 2.0).',
  docUrl: 'https://cloud.tencent.com/document/api/213/1275',
  hosts: ['image.api.qcloud.com', 'cvm.api.qcloud.com'],
  hostTemplates: ['image.api.qcloud.com', 'cvm.api.qcloud.com'],
  input: z.object({
    imageId: z.string().min(1),
    // Empty means "unchanged" ("If you don't want to modify it, left it blank").
    imageName: text(
      { charset: { chars: 'A-Za-z0-9-', minChars: 1, maxChars: 16, orEmpty: true } },
      {
        source: 'seed 003',
        quote:
          'The name should contain 1-16 characters, including English letters, numbers, and "-".',
      },
    ).optional(),
    // Seed 003 lists letters, digits, "-", "_"; the CJK comes from the Chinese page (§5.2).
    imageDescription: text(
      { charset: { chars: '\\p{Script=Han}A-Za-z0-9_-', minChars: 0, maxChars: 64 } },
      { source: 'protocols.md §5.2', quote: '0–64 chars of CJK/letters/digits/`-`/`_`' },
    ).optional(),
  }),
  result: [],
  faults: ['MissingParameter', 'InvalidParameter', 'NotFound', 'Duplicate', 'IncorrectState'],
  sampleRequests: [
    {
      name: 'documented sample request',
      host: 'cvm.api.qcloud.com',
      params: { imageId: 'img-12345678', imageName: 'testName', imageDescription: 'descrip' },
    },
  ],
  samples: [
    {
      name: 'documented JSON sample',
      format: 'json',
      profile: 'documented',
      status: 200,
      body: `{
  "code" : 0,
  "message" : ""
}`,
    },
    {
      name: 'live JSON shape (legacy services add codeDesc)',
      format: 'json',
      profile: 'live',
      status: 200,
      body: '{"code":0,"message":"","codeDesc":"Success"}',
    },
  ],
})
