/**
 * Conformance adapter for the official `@huaweicloud/huaweicloud-sdk-core` (AK/SK
 * SDK-HMAC-SHA256): the generic `HcClient.sendRequest` a generated ImageSearch client calls.
 * Note: the SDK logs failed calls to stdout through log4js; the runner skips lines that are not
 * answers. Other clouds are not applicable.
 */
import { pathToFileURL } from 'node:url'
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core'
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js'
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js'
import { type ConformClient, serveClient } from '../../src/conformance/index.ts'

export const huaweiSdkClient: ConformClient = async (message) => {
  if (message.protocol !== 'huawei-apig')
    return { notApplicable: 'the Huawei SDK speaks Huawei APIs only' }
  const { keyId, secret = '', project = '' } = message.credentials
  const client = new ClientBuilder<HcClient>((c: HcClient) => c)
    .withCredential(new BasicCredentials().withAk(keyId).withSk(secret).withProjectId(project))
    .withEndpoint(message.endpoint)
    .build()
  try {
    const out = (await client.sendRequest({
      method: 'PUT',
      url: '/v1/{project_id}/{instance_name}/image',
      contentType: 'application/json;charset=UTF-8',
      queryParams: {},
      pathParams: { instance_name: message.pathParams?.['instance_name'] ?? '' },
      headers: {},
      data: message.params,
    } as Parameters<HcClient['sendRequest']>[0])) as { result?: string }
    return { ok: true, result: out.result === undefined ? {} : { result: out.result } }
  } catch (error) {
    const {
      errorCode,
      errorMsg,
      message: text,
    } = error as { errorCode?: string; errorMsg?: string; message?: string }
    return { ok: false, error: { code: errorCode ?? 'E_SDK', message: errorMsg ?? text ?? '' } }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await serveClient(huaweiSdkClient)
