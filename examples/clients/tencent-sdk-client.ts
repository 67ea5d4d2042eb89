/**
 * Conformance adapter for the official Tencent Node SDKs: `tencentcloud-sdk-nodejs-cvm` (API 3.0,
 * TC3-HMAC-SHA256) and `qcloudapi-sdk` (legacy API 2.0, HmacSHA1). Other clouds are not applicable.
 */
import { pathToFileURL } from 'node:url'
import QcloudApi from 'qcloudapi-sdk'
import { cvm } from 'tencentcloud-sdk-nodejs-cvm'
import {
  type ClientAnswerInput,
  type ConformClient,
  type ScenarioMessage,
  serveClient,
} from '../../src/conformance/index.ts'

export const tencentSdkClient: ConformClient = async (message) => {
  if (message.protocol === 'tencent-v3') return callV3(message)
  if (message.protocol === 'tencent-v2') return callV2(message)
  return { notApplicable: 'the Tencent SDKs speak Tencent APIs only' }
}

async function callV3(message: ScenarioMessage): Promise<ClientAnswerInput> {
  const url = new URL(message.endpoint)
  const client = new cvm.v20170312.Client({
    credential: {
      secretId: message.credentials.keyId,
      secretKey: message.credentials.secret ?? '',
    },
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint: url.host, protocol: 'http://', reqTimeout: 5 } },
  })
  try {
    // The SDK's typed method takes the documented request shape; the scenario's params are that.
    await client.ModifyImageAttribute(message.params as never)
    return { ok: true, result: {} }
  } catch (error) {
    const { code, message: text } = error as { code?: string; message: string }
    return { ok: false, error: { code: code ?? 'E_SDK', message: text } }
  }
}

function callV2(message: ScenarioMessage): Promise<ClientAnswerInput> {
  const api = new QcloudApi({
    SecretId: message.credentials.keyId,
    SecretKey: message.credentials.secret ?? '',
    Region: 'gz',
    serviceType: 'image',
    protocol: 'http',
    host: new URL(message.endpoint).host,
    method: 'POST',
  })
  return new Promise((resolve) =>
    api.request({ Action: message.action, ...message.params }, (error, body) => {
      if (error) return resolve({ ok: false, error: { code: 'E_SDK', message: error.message } })
      const { code, message: text } = body as { code: number; message: string }
      resolve(
        code === 0
          ? { ok: true, result: {} }
          : { ok: false, error: { code: String(code), message: text } },
      )
    }),
  )
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await serveClient(tencentSdkClient)
