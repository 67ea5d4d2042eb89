/**
 * The calls the shipped tapes in `recordings/` hold: each session is one tape, made by one official
 * SDK (or, where no official SDK speaks a scheme, the reference client) calling the endpoint it is
 * given. `npm run recordings` plays them through the recorder against `serve`; the recordings test
 * plays them again against the committed tapes and expects the same outcomes.
 */
import OpenApiMod, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client'
import RPCClient from '@alicloud/pop-core'
import { RuntimeOptions } from '@alicloud/tea-util'
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core'
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js'
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js'
import QcloudApi from 'qcloudapi-sdk'
import { cvm } from 'tencentcloud-sdk-nodejs-cvm'
import { modifyImage } from '../../src/catalog/index.ts'
import { createClient, testCredentials } from '../../src/client/index.ts'
import { DEFAULT_CREDENTIALS, SAMPLE_IDS } from '../../src/simulator/index.ts'

// Node's loader gives a default import of this `__esModule` CJS package the whole `module.exports`;
// vitest unwraps it to `exports.default`. Accept both.
const OpenApiClient = ((OpenApiMod as unknown as { default?: unknown }).default ??
  OpenApiMod) as typeof OpenApiMod.default

/** What a call ended with, as the SDK reported it: its result, or its error's code, status and data. */
export type Outcome =
  | { result: unknown }
  | { error: { code: unknown; status: unknown; data: unknown } }

export type FixtureCall = { name: string; run: (endpoint: string) => Promise<unknown> }
export type FixtureSession = { tape: string; calls: FixtureCall[] }

const VOD = '2017-03-21'
const ICE = '2020-11-09'
const { accessKeyId, accessKeySecret } = DEFAULT_CREDENTIALS.alibaba
const { secretId, secretKey } = DEFAULT_CREDENTIALS.tencent
const { ak, sk, project, instance } = DEFAULT_CREDENTIALS.huawei
const hostOf = (endpoint: string) => new URL(endpoint).host

/** Runs a call and reduces what it returned or threw to the fields every SDK reports. */
export async function outcomeOf(call: FixtureCall, endpoint: string): Promise<Outcome> {
  try {
    return { result: await call.run(endpoint) }
  } catch (error) {
    const e = error as Record<string, unknown>
    return {
      error: {
        code: e['code'] ?? e['errorCode'] ?? null,
        status: e['statusCode'] ?? e['httpStatusCode'] ?? null,
        data: e['data'] ?? e['requestId'] ?? e['errorMsg'] ?? e['message'] ?? null,
      },
    }
  }
}

const pop = (endpoint: string, apiVersion: string) =>
  new RPCClient({ accessKeyId, accessKeySecret, endpoint, apiVersion, opts: { timeout: 5000 } })

const popCall =
  (apiVersion: string, action: string, params: Record<string, unknown>, method = 'POST') =>
  (endpoint: string) =>
    pop(endpoint, apiVersion).request(action, params, { method })

const teaCall =
  (
    signatureAlgorithm: 'v2' | 'ACS3-HMAC-SHA256',
    action: string,
    version: string,
    query: Record<string, string>,
    { reqBodyType = 'formData', bodyType = 'json' } = {},
  ) =>
  async (endpoint: string) => {
    const client = new OpenApiClient(
      new Config({
        accessKeyId,
        accessKeySecret,
        endpoint: hostOf(endpoint),
        protocol: 'http',
        signatureAlgorithm,
      }),
    )
    const params = new Params({
      action,
      version,
      protocol: 'HTTP',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType,
      bodyType,
    })
    const request =
      reqBodyType === 'json' ? new OpenApiRequest({ body: query }) : new OpenApiRequest({ query })
    const { statusCode, body } = (await client.callApi(
      params,
      request,
      new RuntimeOptions({}),
    )) as { statusCode: number; body: unknown }
    return { statusCode, body }
  }

const cvmCall =
  (
    signMethod: 'TC3-HMAC-SHA256' | 'HmacSHA256' | 'HmacSHA1',
    reqMethod: 'GET' | 'POST',
    input: { ImageId: string; ImageName?: string; ImageDescription?: string },
  ) =>
  (endpoint: string) =>
    new cvm.v20170312.Client({
      credential: { secretId, secretKey },
      region: 'ap-guangzhou',
      profile: {
        signMethod,
        httpProfile: { endpoint: hostOf(endpoint), protocol: 'http://', reqMethod, reqTimeout: 5 },
      },
    }).ModifyImageAttribute(input)

const qcloudCall =
  (signatureMethod: 'sha1' | 'sha256', data: Record<string, unknown>) => (endpoint: string) =>
    new Promise((resolve, reject) =>
      new QcloudApi({
        SecretId: secretId,
        SecretKey: secretKey,
        Region: 'gz',
        serviceType: 'image',
        protocol: 'http',
        host: hostOf(endpoint),
        method: 'POST',
        signatureMethod,
      }).request({ Action: 'ModifyImageAttributes', ...data }, (error, body) =>
        error ? reject(error) : resolve(body),
      ),
    )

/** The Huawei SDK core's modify-image call (AK/SK, JSON PUT) with this body, for an endpoint. */
export const huaweiCall = (data: Record<string, unknown>) => (endpoint: string) =>
  new ClientBuilder<HcClient>((client: HcClient) => client)
    .withCredential(new BasicCredentials().withAk(ak).withSk(sk).withProjectId(project))
    .withEndpoint(endpoint)
    .build()
    .sendRequest({
      method: 'PUT',
      url: '/v1/{project_id}/{instance_name}/image',
      contentType: 'application/json;charset=UTF-8',
      queryParams: {},
      pathParams: { instance_name: instance },
      headers: {},
      data,
      responseHeaders: ['X-request-id'],
    } as Parameters<HcClient['sendRequest']>[0])

const content = (items: unknown[]) => JSON.stringify(items)
const twentyOne = Array.from({ length: 21 }, (_, i) => ({
  VideoId: `vod-video-${String((i % 9) + 1).padStart(2, '0')}`,
  Title: 't',
}))

export const fixtureSessions: FixtureSession[] = [
  {
    tape: 'alibaba-vod.pop-core.har',
    calls: [
      {
        name: 'UpdateImageInfos POST, a batch with a missing id',
        run: popCall(VOD, 'UpdateImageInfos', {
          UpdateContent: content([
            { ImageId: 'vod-image-03', Title: 'fixture', Tags: 'a,b' },
            { ImageId: SAMPLE_IDS.vodImageMissing, Title: 'x' },
          ]),
        }),
      },
      {
        name: 'UpdateImageInfos GET',
        run: popCall(
          VOD,
          'UpdateImageInfos',
          { UpdateContent: content([{ ImageId: 'vod-image-04', Description: 'by GET' }]) },
          'GET',
        ),
      },
      {
        name: 'UpdateVideoInfos POST, a batch with a missing and a forbidden id',
        run: popCall(VOD, 'UpdateVideoInfos', {
          UpdateContent: content([
            { VideoId: 'vod-video-01', Title: 'fixture', Tags: 'a,b' },
            { VideoId: SAMPLE_IDS.vodVideoMissing, Title: 'x' },
            { VideoId: SAMPLE_IDS.vodVideoForbidden, Title: 'y' },
          ]),
        }),
      },
      {
        name: 'UpdateVideoInfos, 21 items: CountExceededMax',
        run: popCall(VOD, 'UpdateVideoInfos', { UpdateContent: content(twentyOne) }),
      },
      {
        name: 'UpdateImageInfos without UpdateContent: MissingParameter',
        run: popCall(VOD, 'UpdateImageInfos', {}),
      },
    ],
  },
  {
    tape: 'alibaba-ice.pop-core.har',
    calls: [
      {
        name: 'UpdateMediaInfo by MediaId',
        run: popCall(ICE, 'UpdateMediaInfo', {
          MediaId: SAMPLE_IDS.iceMedia,
          Title: 'fixture',
          Description: 'recorded',
        }),
      },
      {
        name: 'UpdateMediaInfo, an unknown MediaId: ResourceNotFound',
        run: popCall(ICE, 'UpdateMediaInfo', { MediaId: 'no-such-media', Title: 'x' }),
      },
    ],
  },
  {
    tape: 'alibaba.openapi-acs3.har',
    calls: [
      {
        name: 'UpdateMediaInfo, ACS3 with a JSON body',
        run: teaCall(
          'ACS3-HMAC-SHA256',
          'UpdateMediaInfo',
          ICE,
          { MediaId: 'ice-media-02', Title: 'acs3 json' },
          { reqBodyType: 'json' },
        ),
      },
      {
        name: 'UpdateImageInfos, ACS3 in the query',
        run: teaCall('ACS3-HMAC-SHA256', 'UpdateImageInfos', VOD, {
          UpdateContent: content([{ ImageId: 'vod-image-05', Title: 'acs3' }]),
        }),
      },
    ],
  },
  {
    tape: 'alibaba-vod.openapi-v2-xml.har',
    calls: [
      {
        name: 'UpdateImageInfos, v2 signature, Format=XML',
        run: teaCall(
          'v2',
          'UpdateImageInfos',
          VOD,
          {
            Format: 'XML',
            UpdateContent: content([
              { ImageId: 'vod-image-06', Title: 'xml' },
              { ImageId: SAMPLE_IDS.vodImageMissing, Title: 'x' },
            ]),
          },
          { bodyType: 'string' },
        ),
      },
      {
        name: 'UpdateVideoInfos, v2 signature, Format=XML, 21 items: CountExceededMax',
        run: teaCall(
          'v2',
          'UpdateVideoInfos',
          VOD,
          { Format: 'XML', UpdateContent: content(twentyOne) },
          { bodyType: 'string' },
        ),
      },
    ],
  },
  {
    tape: 'tencent-cvm-v2.qcloudapi.har',
    calls: [
      {
        name: 'ModifyImageAttributes, HmacSHA256',
        run: qcloudCall('sha256', {
          imageId: SAMPLE_IDS.cvmImageV2,
          imageName: 'fixture-v2',
          imageDescription: 'recorded',
        }),
      },
      {
        name: 'ModifyImageAttributes, HmacSHA1',
        run: qcloudCall('sha1', { imageId: SAMPLE_IDS.cvmImageV2, imageName: 'fixture-v2-sha1' }),
      },
      {
        name: 'ModifyImageAttributes, an unknown image',
        run: qcloudCall('sha256', { imageId: 'img-00000000', imageName: 'x' }),
      },
    ],
  },
  {
    tape: 'tencent-cvm.sdk.har',
    calls: [
      {
        name: 'ModifyImageAttribute, TC3-HMAC-SHA256 POST',
        run: cvmCall('TC3-HMAC-SHA256', 'POST', {
          ImageId: SAMPLE_IDS.cvmImageV3,
          ImageName: 'fixture-tc3',
          ImageDescription: 'described: ü (ok)',
        }),
      },
      {
        name: 'ModifyImageAttribute, HmacSHA256 GET',
        run: cvmCall('HmacSHA256', 'GET', {
          ImageId: SAMPLE_IDS.cvmImageV3,
          ImageName: 'fixture-hmac256',
        }),
      },
      {
        name: 'ModifyImageAttribute, HmacSHA1 POST',
        run: cvmCall('HmacSHA1', 'POST', {
          ImageId: SAMPLE_IDS.cvmImageV3,
          ImageName: 'fixture-sha1',
        }),
      },
      {
        name: 'ModifyImageAttribute, an unknown image: InvalidImageId.NotFound',
        run: cvmCall('TC3-HMAC-SHA256', 'POST', { ImageId: 'img-00000000', ImageName: 'x' }),
      },
    ],
  },
  {
    tape: 'huawei-imagesearch.sdk-aksk.har',
    calls: [
      {
        name: 'modify image, AK/SK',
        run: huaweiCall({ path: SAMPLE_IDS.imagesearchPath, tags: { 'test-tags': 'fixture' } }),
      },
      {
        name: 'modify image, an empty path: IS.0003',
        run: huaweiCall({ path: '', tags: { 'test-tags': 'x' } }),
      },
      {
        name: 'modify image, a path not in the library: IS.0016',
        run: huaweiCall({
          path: 'https://bucketName.obs.myhuaweicloud.com/image/missing.jpg',
          tags: { 'test-tags': 'x' },
        }),
      },
    ],
  },
  {
    // No official SDK sends an IAM token for this operation: the reference client does.
    tape: 'huawei-imagesearch.token.har',
    calls: [
      {
        name: 'modify image, X-Auth-Token (reference client)',
        run: (endpoint) =>
          createClient({ endpoint, credentials: testCredentials() }).call(
            modifyImage,
            {
              path: 'https://bucketName.obs.myhuaweicloud.com/image/bulk-02.jpg',
              tags: { 'test-tags': 'token' },
            } as never,
            {
              variant: 'TOKEN',
              credentials: testCredentials()['huawei-token'],
              pathParams: { project_id: project, instance_name: instance },
            },
          ),
      },
    ],
  },
]
