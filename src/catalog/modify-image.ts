import { z } from 'zod'
import { defineOperation } from './define-operation.ts'
import { jsonObject, text } from './limits.ts'

/**
 * Huawei Cloud ImageSearch "Modifying Image Information": `PUT /v1/{project_id}/{instance_name}/image`
 * replaces the tags of an image already in the instance's library; `path` is the image's id.
 * @see https://support.huaweicloud.com/intl/en-us/api-imagesearch/imagesearch_02_0014.html (seed 004)
 */
export const modifyImage = defineOperation({
  id: 'huawei-imagesearch.ModifyImage',
  provider: 'huawei-imagesearch',
  protocol: 'huawei-apig',
  action: 'ModifyImage',
  version: 'v1',
  product: 'imagesearch',
  summary: 'Modifies the tags of an existing image in the image library.',
  docUrl: 'https://support.huaweicloud.com/intl/en-us/api-imagesearch/imagesearch_02_0014.html',
  hosts: [
    'imagesearch.cn-north-4.myhuaweicloud.com',
    'imagesearch.cn-north-1.myhuaweicloud.com',
    'imagesearch.ap-southeast-1.myhuaweicloud.com',
  ],
  hostTemplates: ['imagesearch.{region}.myhuaweicloud.com'],
  http: { method: 'PUT', path: '/v1/{project_id}/{instance_name}/image' },
  input: z.object({
    // Required (seed 004); a null or empty path is the sample's IS.0003 "can not be null".
    path: text(
      { nonEmpty: true },
      { source: 'seed 004', quote: 'Arguments of path can not be null.' },
    ),
    // An object (seed 004), its values free: the page says "a custom value" and the SDK model
    // types tags as a bare `object` (H-PY), so no value type is refused.
    tags: jsonObject({ source: 'seed 004', quote: 'tags Yes Object Custom image tag.' }),
  }),
  result: [],
  faults: [
    'MissingParameter',
    'InvalidParameter',
    'NotFound',
    'TagKeyUndefined',
    'InstanceNotFound',
    'MalformedBody',
  ],
  sampleRequests: [
    {
      name: 'documented sample request',
      host: 'imagesearch.cn-north-4.myhuaweicloud.com',
      params: {
        path: 'https://bucketName.obs.myhuaweicloud.com/image/test1.jpg',
        tags: { 'test-tags': 'test-image' },
      },
    },
  ],
  samples: [
    {
      name: 'documented 200 sample',
      format: 'json',
      profile: 'documented',
      status: 200,
      body: `{
  "result" : "Success"
}`,
    },
    {
      name: 'documented 400 sample',
      format: 'json',
      profile: 'documented',
      status: 400,
      body: `{
  "error_code" : "IS.0003",
  "error_msg" : "Arguments of path can not be null."
}`,
    },
  ],
})
