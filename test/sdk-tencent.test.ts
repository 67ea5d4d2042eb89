/**
 * Fidelity against the official Tencent Cloud Node SDKs, unmodified and only pointed at the local
 * server: tencentcloud-sdk-nodejs-cvm (API 3.0 `ModifyImageAttribute`, TC3-HMAC-SHA256 and the v1
 * HmacSHA256/HmacSHA1 form signatures) and qcloudapi-sdk (legacy API 2.0 `ModifyImageAttributes`).
 * If an SDK cannot call us, the server is wrong.
 */

import QcloudApi from 'qcloudapi-sdk'
import ExceptionMod from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/exception/tencent_cloud_sdk_exception.js'
import { cvm } from 'tencentcloud-sdk-nodejs-cvm'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { DEFAULT_CREDENTIALS, SAMPLE_IDS } from '../src/simulator/index.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

// Node's loader gives a default import of this `__esModule` CJS file the whole `module.exports`;
// vitest unwraps it to `exports.default`. Accept both.
const TencentCloudSDKHttpException = ((ExceptionMod as unknown as { default?: unknown }).default ??
  ExceptionMod) as typeof ExceptionMod.default

const { secretId, secretKey } = DEFAULT_CREDENTIALS.tencent

let server: TestServer
beforeEach(async () => {
  // The SDKs stamp requests with the wall clock, so the server runs on real time.
  server = await startTestServer({ now: Date.now })
})
afterEach(() => server.close())

type CvmImage = { imageId: string; name: string; description?: string }
const imageOf = async (imageId: string): Promise<CvmImage | undefined> =>
  ((await server.admin('GET', 'state')).json.cvmImages as CvmImage[]).find(
    (image) => image.imageId === imageId,
  )

// ---------------------------------------------------------------------------------------------
// tencentcloud-sdk-nodejs-cvm, API 3.0

type SignMethod = 'TC3-HMAC-SHA256' | 'HmacSHA256' | 'HmacSHA1'

function cvmClient({
  signMethod = 'TC3-HMAC-SHA256',
  reqMethod = 'POST',
  id = secretId,
  key = secretKey,
}: {
  signMethod?: SignMethod
  reqMethod?: 'GET' | 'POST'
  id?: string
  key?: string
} = {}) {
  return new cvm.v20170312.Client({
    credential: { secretId: id, secretKey: key },
    region: 'ap-guangzhou',
    profile: {
      signMethod,
      httpProfile: {
        endpoint: `127.0.0.1:${server.port}`,
        protocol: 'http://',
        reqMethod,
        reqTimeout: 5,
      },
    },
  })
}

type SdkException = InstanceType<typeof TencentCloudSDKHttpException>

/** The exception the SDK throws, checked to be the SDK's own class. */
async function sdkError(call: Promise<unknown>): Promise<SdkException> {
  try {
    const result = await call
    throw new Error(`expected the SDK to throw, it resolved with ${JSON.stringify(result)}`)
  } catch (error) {
    expect(error).toBeInstanceOf(TencentCloudSDKHttpException)
    return error as SdkException
  }
}

const variants: { signMethod: SignMethod; reqMethod: 'GET' | 'POST' }[] = [
  { signMethod: 'TC3-HMAC-SHA256', reqMethod: 'POST' },
  { signMethod: 'TC3-HMAC-SHA256', reqMethod: 'GET' },
  { signMethod: 'HmacSHA256', reqMethod: 'POST' },
  { signMethod: 'HmacSHA256', reqMethod: 'GET' },
  { signMethod: 'HmacSHA1', reqMethod: 'POST' },
  { signMethod: 'HmacSHA1', reqMethod: 'GET' },
]

for (const { signMethod, reqMethod } of variants) {
  it(`cvm ${signMethod} ${reqMethod}: ModifyImageAttribute renames img-gvbnzy6f and returns a RequestId`, async () => {
    const name = `v3-${signMethod.slice(-6)}-${reqMethod}`
    const response = await cvmClient({ signMethod, reqMethod }).ModifyImageAttribute({
      ImageId: SAMPLE_IDS.cvmImageV3,
      ImageName: name,
      ImageDescription: 'described: ü (ok)',
    })
    expect(response).toEqual({ RequestId: expect.any(String) })
    expect(response.RequestId).not.toBe('')
    expect(await imageOf(SAMPLE_IDS.cvmImageV3)).toMatchObject({
      name,
      description: 'described: ü (ok)',
    })
  })

  it(`cvm ${signMethod} ${reqMethod}: a wrong secret key throws AuthFailure.SignatureFailure`, async () => {
    const error = await sdkError(
      cvmClient({ signMethod, reqMethod, key: 'not-the-secret-key' }).ModifyImageAttribute({
        ImageId: SAMPLE_IDS.cvmImageV3,
        ImageName: 'never',
      }),
    )
    expect(error.code).toBe('AuthFailure.SignatureFailure')
    expect(error.requestId).not.toBe('')
    expect(await imageOf(SAMPLE_IDS.cvmImageV3)).toMatchObject({ name: 'original-v3-name' })
  })

  it(`cvm ${signMethod} ${reqMethod}: an unknown SecretId throws AuthFailure.SecretIdNotFound`, async () => {
    const error = await sdkError(
      cvmClient({
        signMethod,
        reqMethod,
        id: 'AKIDunknownSecretId000000000000000000',
      }).ModifyImageAttribute({ ImageId: SAMPLE_IDS.cvmImageV3, ImageName: 'never' }),
    )
    expect(error.code).toBe('AuthFailure.SecretIdNotFound')
  })
}

it('cvm: an unknown image throws InvalidImageId.NotFound with the request id', async () => {
  const error = await sdkError(
    cvmClient().ModifyImageAttribute({ ImageId: 'img-00000000', ImageName: 'x' }),
  )
  expect(error.code).toBe('InvalidImageId.NotFound')
  expect(error.requestId).toMatch(/\S/)
  expect(error.message).toContain('img-00000000')
})

it('cvm: a malformed image id throws InvalidImageId.Malformed', async () => {
  const error = await sdkError(
    cvmClient().ModifyImageAttribute({ ImageId: 'image-1', ImageName: 'x' }),
  )
  expect(error.code).toBe('InvalidImageId.Malformed')
})

it("cvm: another image's name throws InvalidImageName.Duplicate and changes nothing", async () => {
  const error = await sdkError(
    cvmClient().ModifyImageAttribute({
      ImageId: SAMPLE_IDS.cvmImageV3,
      ImageName: 'bulk-image-01',
    }),
  )
  expect(error.code).toBe('InvalidImageName.Duplicate')
  expect(await imageOf(SAMPLE_IDS.cvmImageV3)).toMatchObject({ name: 'original-v3-name' })
})

it('cvm: a shared image throws InvalidImageId.IncorrectState', async () => {
  const error = await sdkError(
    cvmClient().ModifyImageAttribute({ ImageId: SAMPLE_IDS.cvmImageShared, ImageName: 'mine' }),
  )
  expect(error.code).toBe('InvalidImageId.IncorrectState')
  expect(await imageOf(SAMPLE_IDS.cvmImageShared)).toMatchObject({ name: 'shared-image' })
})

it('cvm: a 21-character name throws InvalidParameterValue.TooLarge', async () => {
  const error = await sdkError(
    cvmClient().ModifyImageAttribute({ ImageId: SAMPLE_IDS.cvmImageV3, ImageName: 'n'.repeat(21) }),
  )
  expect(error.code).toBe('InvalidParameterValue.TooLarge')
  const ok = await cvmClient().ModifyImageAttribute({
    ImageId: SAMPLE_IDS.cvmImageV3,
    ImageName: 'n'.repeat(20),
  })
  expect(ok.RequestId).toMatch(/\S/)
})

it('cvm: an X-TC-Language header (profile.language) is accepted', async () => {
  const client = new cvm.v20170312.Client({
    credential: { secretId, secretKey },
    region: 'ap-guangzhou',
    profile: {
      language: 'en-US',
      httpProfile: { endpoint: `127.0.0.1:${server.port}`, protocol: 'http://' },
    },
  })
  const response = await client.ModifyImageAttribute({
    ImageId: SAMPLE_IDS.cvmImageV3,
    ImageName: 'with-language',
  })
  expect(response.RequestId).toMatch(/\S/)
  expect(await imageOf(SAMPLE_IDS.cvmImageV3)).toMatchObject({ name: 'with-language' })
})

it('cvm: the generic client.request reaches the same operation', async () => {
  const response = await cvmClient().request('ModifyImageAttribute', {
    ImageId: 'img-bulk0002',
    ImageDescription: 'generic',
  })
  expect(response).toEqual({ RequestId: expect.any(String) })
  expect(await imageOf('img-bulk0002')).toMatchObject({
    name: 'bulk-image-02',
    description: 'generic',
  })
})

// ---------------------------------------------------------------------------------------------
// qcloudapi-sdk, legacy API 2.0

type LegacyBody = { code: number; message: string; codeDesc?: string }

function legacy({
  method = 'POST',
  signatureMethod = 'sha1',
  key = secretKey,
}: {
  method?: 'GET' | 'POST'
  signatureMethod?: 'sha1' | 'sha256'
  key?: string
} = {}) {
  const api = new QcloudApi({
    SecretId: secretId,
    SecretKey: key,
    Region: 'gz',
    serviceType: 'image',
    protocol: 'http',
    host: `127.0.0.1:${server.port}`,
    method,
    signatureMethod,
  })
  return (data: Record<string, unknown>) =>
    new Promise<LegacyBody>((resolve, reject) =>
      api.request({ Action: 'ModifyImageAttributes', ...data }, (error, body) =>
        error ? reject(error) : resolve(body as LegacyBody),
      ),
    )
}

const legacyVariants = [
  { method: 'POST', signatureMethod: 'sha1' },
  { method: 'POST', signatureMethod: 'sha256' },
  { method: 'GET', signatureMethod: 'sha1' },
  { method: 'GET', signatureMethod: 'sha256' },
] as const

for (const options of legacyVariants) {
  const label = `qcloudapi ${options.method} ${options.signatureMethod}`

  it(`${label}: ModifyImageAttributes renames img-12345678 and answers code 0 Success`, async () => {
    const body = await legacy(options)({
      imageId: SAMPLE_IDS.cvmImageV2,
      imageName: 'testName',
      imageDescription: 'descrip',
    })
    expect(body).toEqual({ code: 0, message: '', codeDesc: 'Success' })
    expect(await imageOf(SAMPLE_IDS.cvmImageV2)).toMatchObject({
      name: 'testName',
      description: 'descrip',
    })
  })

  it(`${label}: a wrong secret answers code 4100 and changes nothing`, async () => {
    const body = await legacy({ ...options, key: 'not-the-secret-key' })({
      imageId: SAMPLE_IDS.cvmImageV2,
      imageName: 'testName',
    })
    expect(body).toMatchObject({ code: 4100, message: expect.any(String) })
    expect(await imageOf(SAMPLE_IDS.cvmImageV2)).toMatchObject({ name: 'original-name' })
  })
}

it('qcloudapi: a CJK description is signed raw and stored', async () => {
  for (const options of legacyVariants) {
    const description = `中文描述_${options.method}-${options.signatureMethod}`
    const body = await legacy(options)({
      imageId: SAMPLE_IDS.cvmImageV2,
      imageDescription: description,
    })
    expect(body).toEqual({ code: 0, message: '', codeDesc: 'Success' })
    expect(await imageOf(SAMPLE_IDS.cvmImageV2)).toMatchObject({
      name: 'original-name',
      description,
    })
  }
})

it('qcloudapi: an unknown SecretId answers code 4104', async () => {
  const api = new QcloudApi({
    SecretId: 'AKIDunknownSecretId000000000000000000',
    SecretKey: secretKey,
    Region: 'gz',
    serviceType: 'image',
    protocol: 'http',
    host: `127.0.0.1:${server.port}`,
  })
  const body = await new Promise<LegacyBody>((resolve, reject) =>
    api.request({ Action: 'ModifyImageAttributes', imageId: SAMPLE_IDS.cvmImageV2 }, (error, b) =>
      error ? reject(error) : resolve(b as LegacyBody),
    ),
  )
  expect(body).toMatchObject({ code: 4104 })
})

it('qcloudapi: a shared image answers a non-zero code and stays unchanged', async () => {
  const body = await legacy()({ imageId: SAMPLE_IDS.cvmImageShared, imageName: 'mine' })
  expect(body.code).not.toBe(0)
  expect(await imageOf(SAMPLE_IDS.cvmImageShared)).toMatchObject({ name: 'shared-image' })
})

it('qcloudapi: an unknown image answers code 5000', async () => {
  const body = await legacy()({ imageId: 'img-00000000', imageName: 'testName' })
  expect(body).toMatchObject({ code: 5000, message: expect.stringContaining('img-00000000') })
})

it("qcloudapi: another image's name answers code 4000 and changes nothing", async () => {
  const body = await legacy()({ imageId: SAMPLE_IDS.cvmImageV2, imageName: 'bulk-image-01' })
  expect(body).toMatchObject({ code: 4000, message: expect.any(String) })
  expect(await imageOf(SAMPLE_IDS.cvmImageV2)).toMatchObject({ name: 'original-name' })
})

it('qcloudapi: a 17-character name answers code 4000', async () => {
  const body = await legacy()({ imageId: SAMPLE_IDS.cvmImageV2, imageName: 'n'.repeat(17) })
  expect(body).toMatchObject({ code: 4000, message: expect.stringContaining('imageName') })
  const ok = await legacy()({ imageId: SAMPLE_IDS.cvmImageV2, imageName: 'n'.repeat(16) })
  expect(ok).toMatchObject({ code: 0 })
})

it('qcloudapi: two different calls that draw the same Nonce in different seconds both succeed', async () => {
  // The SDKs draw Nonce from 0..65535 (qcloudapi-sdk and tencentcloud-sdk's v1 signer alike), so
  // distinct calls share a Nonce within minutes; the docs pair Nonce with Timestamp against replay.
  // qcloudapi lets the caller pin the common parameters, which makes the collision deterministic.
  const now = Math.round(Date.now() / 1000)
  const first = await legacy()({
    Nonce: 4242,
    Timestamp: now - 5,
    imageId: SAMPLE_IDS.cvmImageV2,
    imageDescription: 'first',
  })
  expect(first).toEqual({ code: 0, message: '', codeDesc: 'Success' })
  const second = await legacy()({
    Nonce: 4242,
    Timestamp: now,
    imageId: SAMPLE_IDS.cvmImageV2,
    imageDescription: 'second',
  })
  expect(second).toEqual({ code: 0, message: '', codeDesc: 'Success' })
  expect(await imageOf(SAMPLE_IDS.cvmImageV2)).toMatchObject({ description: 'second' })
})

it('qcloudapi: the legacy and the 3.0 operation act on the same images', async () => {
  await legacy()({ imageId: SAMPLE_IDS.cvmImageV2, imageName: 'renamed-legacy' })
  const error = await sdkError(
    cvmClient().ModifyImageAttribute({
      ImageId: SAMPLE_IDS.cvmImageV3,
      ImageName: 'renamed-legacy',
    }),
  )
  expect(error.code).toBe('InvalidImageName.Duplicate')
})
