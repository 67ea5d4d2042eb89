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
    imageName: text({
      pattern: {
        regex: /^(|[A-Za-z0-9-]{1,16})$/,
        describe: '1 to 16 characters of letters, digits and "-"',
      },
      source: 'seed 003',
    }).optional(),
    imageDescription: text({
      pattern: {
        regex: /^[\p{Script=Han}A-Za-z0-9_-]{0,64}$/u,
        describe: '0 to 64 characters of CJK, letters, digits, "-" and "_"',
      },
      // Seed 003 lists letters, digits, "-", "_"; the CJK comes from the Chinese page (§5.2).
      source: 'protocols.md §5.2',
    }).optional(),
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
