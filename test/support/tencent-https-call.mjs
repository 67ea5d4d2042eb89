// A child process for the TLS tests: one official-SDK call (tencentcloud-sdk-nodejs-cvm,
// ModifyImageAttribute over `https://`) to `argv[2]` (host:port), printing one JSON line with the
// outcome. A child, because Node reads NODE_EXTRA_CA_CERTS only when a process starts.
// Credentials: TAPEDECK_TENCENT_SECRET_ID / TAPEDECK_TENCENT_SECRET_KEY.

import { cvm } from 'tencentcloud-sdk-nodejs-cvm'

const [endpoint, imageId, imageName] = process.argv.slice(2)
const client = new cvm.v20170312.Client({
  credential: {
    secretId: process.env.TAPEDECK_TENCENT_SECRET_ID,
    secretKey: process.env.TAPEDECK_TENCENT_SECRET_KEY,
  },
  region: 'ap-guangzhou',
  profile: { httpProfile: { endpoint, protocol: 'https://', reqTimeout: 5 } },
})
try {
  const response = await client.ModifyImageAttribute({ ImageId: imageId, ImageName: imageName })
  console.log(JSON.stringify({ ok: true, requestId: response.RequestId }))
} catch (error) {
  // The SDK wraps a network failure in its own exception; its message keeps the cause's text.
  console.log(JSON.stringify({ ok: false, code: error.code, message: String(error.message) }))
}
