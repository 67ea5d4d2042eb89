/**
 * Fidelity against the official Huawei Cloud Node SDK core, unmodified and only pointed at the local
 * server: the generic `HcClient.sendRequest` (what every generated service client calls) with AK/SK
 * `SDK-HMAC-SHA256` signing, for ImageSearch "modify image" (`PUT /v1/{project_id}/{instance_name}/image`).
 * If the SDK cannot call us, the server is wrong.
 *
 * The SDK's DefaultHttpClient logs every failed call at ERROR level to stdout through log4js; the
 * ClientBuilder offers no documented way to pass it a logger or a level, so the output is left as is.
 */

import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core'
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js'
import { ClientRequestException } from '@huaweicloud/huaweicloud-sdk-core/exception/ClientRequestException.js'
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { DEFAULT_CREDENTIALS, SAMPLE_IDS } from '../src/simulator/index.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

const { ak, sk, project, instance } = DEFAULT_CREDENTIALS.huawei

let server: TestServer
beforeEach(async () => {
  // The SDK stamps X-Sdk-Date with the wall clock, so the server runs on real time.
  server = await startTestServer({ now: Date.now })
})
afterEach(() => server.close())

type Image = { path: string; tags: Record<string, string> }
type Instance = { project: string; name: string; tagKeys: string[]; images: Image[] }

const imageOf = async (path: string): Promise<Image | undefined> => {
  const instances = (await server.admin('GET', 'state')).json.imagesearchInstances as Instance[]
  return instances
    .find((candidate) => candidate.project === project && candidate.name === instance)
    ?.images.find((image) => image.path === path)
}

function hcClient({
  secret = sk,
  projectId = project,
}: {
  secret?: string
  projectId?: string
} = {}) {
  return new ClientBuilder<HcClient>((client: HcClient) => client)
    .withCredential(new BasicCredentials().withAk(ak).withSk(secret).withProjectId(projectId))
    .withEndpoint(server.url)
    .build()
}

type ModifyResult = { result?: string; httpStatusCode: number; 'X-request-id'?: string }

/** The call a generated ImageSearch client makes for "modify image". */
function modifyImage(
  data: Record<string, unknown>,
  {
    instanceName = instance,
    client = hcClient(),
  }: { instanceName?: string; client?: HcClient } = {},
): Promise<ModifyResult> {
  return client.sendRequest({
    method: 'PUT',
    url: '/v1/{project_id}/{instance_name}/image',
    contentType: 'application/json;charset=UTF-8',
    queryParams: {},
    pathParams: { instance_name: instanceName },
    headers: {},
    data,
    // Generated clients ask for the response headers they model; the SDK copies them in.
    responseHeaders: ['X-request-id'],
  } as Parameters<HcClient['sendRequest']>[0]) as Promise<ModifyResult>
}

async function sdkError(call: Promise<unknown>): Promise<ClientRequestException> {
  try {
    const result = await call
    throw new Error(`expected the SDK to throw, it resolved with ${JSON.stringify(result)}`)
  } catch (error) {
    expect(error).toBeInstanceOf(ClientRequestException)
    return error as ClientRequestException
  }
}

it('modifies the sample image: result Success and the tags replaced in state', async () => {
  const response = await modifyImage({
    path: SAMPLE_IDS.imagesearchPath,
    tags: { 'test-tags': 'test-image' },
  })
  expect(response).toMatchObject({ result: 'Success', httpStatusCode: 200 })
  expect(response['X-request-id']).toMatch(/\S/)
  expect(await imageOf(SAMPLE_IDS.imagesearchPath)).toEqual({
    path: SAMPLE_IDS.imagesearchPath,
    tags: { 'test-tags': 'test-image' },
  })
})

it('replaces the tags of another library image, non-ASCII values included', async () => {
  const path = 'https://bucketName.obs.myhuaweicloud.com/image/bulk-03.jpg'
  const response = await modifyImage({ path, tags: { 'test-tags': 'déjà vu 100% (ü)' } })
  expect(response).toMatchObject({ result: 'Success', httpStatusCode: 200 })
  expect(await imageOf(path)).toEqual({ path, tags: { 'test-tags': 'déjà vu 100% (ü)' } })
})

it('an empty tags object clears the tags', async () => {
  const response = await modifyImage({ path: SAMPLE_IDS.imagesearchPath, tags: {} })
  expect(response).toMatchObject({ result: 'Success' })
  expect(await imageOf(SAMPLE_IDS.imagesearchPath)).toMatchObject({ tags: {} })
})

it('an empty path throws ClientRequestException IS.0003 (400) with the X-Request-Id', async () => {
  const error = await sdkError(modifyImage({ path: '', tags: { 'test-tags': 'x' } }))
  expect(error).toMatchObject({ httpStatusCode: 400, errorCode: 'IS.0003' })
  expect(error.errorMsg).toContain('path')
  expect(error.requestId).toMatch(/\S/)
  expect(await imageOf(SAMPLE_IDS.imagesearchPath)).toMatchObject({
    tags: { 'test-tags': 'original' },
  })
})

it('a path that is not in the library throws IS.0016', async () => {
  const error = await sdkError(
    modifyImage({
      path: 'https://bucketName.obs.myhuaweicloud.com/image/missing.jpg',
      tags: { 'test-tags': 'x' },
    }),
  )
  expect(error).toMatchObject({ httpStatusCode: 400, errorCode: 'IS.0016' })
  expect(error.requestId).toMatch(/\S/)
})

it('a tag key the instance does not define throws IS.0001 and changes nothing', async () => {
  const error = await sdkError(
    modifyImage({ path: SAMPLE_IDS.imagesearchPath, tags: { 'no-such-key': 'x' } }),
  )
  expect(error).toMatchObject({ httpStatusCode: 400, errorCode: 'IS.0001' })
  expect(error.errorMsg).toContain('no-such-key')
  expect(await imageOf(SAMPLE_IDS.imagesearchPath)).toMatchObject({
    tags: { 'test-tags': 'original' },
  })
})

it('an unknown instance throws IS.0007', async () => {
  const error = await sdkError(
    modifyImage(
      { path: SAMPLE_IDS.imagesearchPath, tags: { 'test-tags': 'x' } },
      { instanceName: 'no-such-instance' },
    ),
  )
  expect(error).toMatchObject({ httpStatusCode: 400, errorCode: 'IS.0007' })
  expect(error.requestId).toMatch(/\S/)
})

it('a wrong SK throws APIGW.0301 with httpStatusCode 401 and changes nothing', async () => {
  const error = await sdkError(
    modifyImage(
      { path: SAMPLE_IDS.imagesearchPath, tags: { 'test-tags': 'never' } },
      { client: hcClient({ secret: 'not-the-secret-key' }) },
    ),
  )
  expect(error).toMatchObject({ httpStatusCode: 401, errorCode: 'APIGW.0301' })
  expect(error.errorMsg).toMatch(/Incorrect IAM authentication information/)
  expect(error.requestId).toMatch(/\S/)
  expect(await imageOf(SAMPLE_IDS.imagesearchPath)).toMatchObject({
    tags: { 'test-tags': 'original' },
  })
})

it('takes the request id only from the X-Request-Id header, matching the journal', async () => {
  const error = await sdkError(modifyImage({ path: '', tags: {} }))
  const { requests } = (await server.admin('GET', 'requests')).json as {
    requests: { requestId?: string }[]
  }
  expect(requests.map((request) => request.requestId)).toContain(error.requestId)
})
