/**
 * Pact's own stub server (`pact stub -d contracts`, no other flag) serves the default contracts:
 * every interaction's request gets that interaction's answer and no other, and the official SDKs,
 * unmodified and pointed at it, read what they read from the vendor (the live shape). Form POSTs
 * (pop-core) are matched field by field, with the signing fields by pattern.
 */

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import RPCClient from '@alicloud/pop-core'
import { cvm } from 'tencentcloud-sdk-nodejs-cvm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { scenarios } from '../src/scenarios/index.ts'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { huaweiCall } from './support/fixture-sessions.ts'
import { type PactStub, startPactStub } from './support/pact-standalone.ts'

const CONTRACTS = join(import.meta.dirname, '..', 'contracts')

type Interaction = {
  description: string
  request: {
    method: string
    path: string
    query?: Record<string, string[]>
    headers?: Record<string, string[]>
    body?: { content: unknown }
  }
  response: { status: number; body?: { content: unknown } }
}
const interactions: Interaction[] = readdirSync(CONTRACTS)
  .filter((file) => file.endsWith('.json'))
  .flatMap(
    (file) =>
      (JSON.parse(readFileSync(join(CONTRACTS, file), 'utf8')) as { interactions: Interaction[] })
        .interactions,
  )

let stub: PactStub
beforeAll(async () => {
  stub = await startPactStub([CONTRACTS])
})
afterAll(() => stub.close())

const scenario = (id: string) => {
  const found = scenarios.find((s) => s.id === id)
  if (!found) throw new Error(`no scenario ${id}`)
  return found
}
/** The answer the contracts hold for a scenario (its GET/default variant or a labelled one). */
const answerOf = (id: string, label = '') => {
  const s = scenario(id)
  const description = `${s.operation.action}: ${s.description}${label}`
  const found = interactions.find((i) => i.description === description)
  if (!found) throw new Error(`no interaction "${description}"`)
  return found.response.body!.content
}

it('answers every interaction of the default contracts with that interaction, and no other', async () => {
  const wrong: string[] = []
  const ask = async (interaction: Interaction) => {
    const { method, path, query, headers, body } = interaction.request
    const search = Object.entries(query ?? {})
      .flatMap(([name, values]) =>
        values.map((value) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`),
      )
      .join('&')
    const content = body?.content
    const response = await fetch(`${stub.url}${path}${search ? `?${search}` : ''}`, {
      method,
      headers: Object.fromEntries(
        Object.entries(headers ?? {}).map(([name, values]) => [name, values.join(', ')]),
      ),
      ...(content === undefined
        ? {}
        : { body: typeof content === 'string' ? content : JSON.stringify(content) }),
    })
    const text = await response.text()
    const expected = interaction.response.body?.content
    const same =
      typeof expected === 'string' ? text === expected : isDeepStrictEqual(safeJson(text), expected)
    if (response.status !== interaction.response.status || !same)
      wrong.push(`${interaction.description}: ${response.status} ${text.slice(0, 160)}`)
  }
  // A few at a time: the stub server matches each request against every interaction.
  for (let i = 0; i < interactions.length; i += 6)
    await Promise.all(interactions.slice(i, i + 6).map(ask))
  expect(wrong.sort()).toEqual([])
  expect(interactions.length).toBeGreaterThanOrEqual(90)
}, 60_000)

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

const { accessKeyId, accessKeySecret } = DEFAULT_CREDENTIALS.alibaba
const pop = () =>
  new RPCClient({
    accessKeyId,
    accessKeySecret,
    endpoint: stub.url,
    apiVersion: '2017-03-21',
    opts: { timeout: 5000 },
  })

for (const method of ['GET', 'POST'] as const) {
  it(`pop-core ${method} gets the live UpdateImageInfos answer, and CountExceededMax for 21 items`, async () => {
    const live = scenario('alibaba-vod.UpdateImageInfos/live-json')
    const label = method === 'POST' ? ' [POST form]' : ''
    const body = await pop().request('UpdateImageInfos', live.request.params, { method })
    expect(body).toEqual(answerOf(live.id, label))
    const tooMany = scenario('alibaba-vod.UpdateImageInfos/21-items')
    const error = await pop()
      .request('UpdateImageInfos', tooMany.request.params, { method })
      .then(
        () => undefined,
        (thrown: Error & { code?: string }) => thrown,
      )
    expect(error?.code).toBe('CountExceededMax')
  })

  it(`pop-core ${method} gets the live UpdateVideoInfos JSON answer`, async () => {
    const live = scenario('alibaba-vod.UpdateVideoInfos/documented-json-sample')
    const label = method === 'POST' ? ' [POST form]' : ''
    const body = await pop().request('UpdateVideoInfos', live.request.params, { method })
    expect(body).toEqual(answerOf(live.id, label))
  })
}

it('pop-core POST with a changed UpdateContent does not get the UpdateImageInfos answer: form fields are matched', async () => {
  const live = scenario('alibaba-vod.UpdateImageInfos/live-json')
  const changed = {
    UpdateContent: String(live.request.params['UpdateContent']).replace('"Title":"', '"Title":"x'),
  }
  expect(changed.UpdateContent).not.toBe(live.request.params['UpdateContent'])
  // No interaction matches. Pact's stub server then answers with the candidate on the same method
  // and path that differs least, ignoring headers and a body of another content type (here a TC3
  // interaction at `/`): never with the UpdateImageInfos answers, which need the exact form fields.
  const body = await pop()
    .request('UpdateImageInfos', changed, { method: 'POST' })
    .catch((error: Error) => error)
  const vod = interactions
    .filter((i) => i.description.startsWith('UpdateImageInfos: '))
    .map((i) => i.response.body?.content)
  expect(vod.some((answer) => isDeepStrictEqual(answer, body))).toBe(false)
})

const { secretId, secretKey } = DEFAULT_CREDENTIALS.tencent
const tc3 = () =>
  new cvm.v20170312.Client({
    credential: { secretId, secretKey },
    region: 'ap-guangzhou',
    profile: {
      signMethod: 'TC3-HMAC-SHA256',
      httpProfile: {
        endpoint: stub.url.replace('http://', ''),
        protocol: 'http://',
        reqMethod: 'POST',
        reqTimeout: 5,
      },
    },
  })

it('tencentcloud-sdk-nodejs (TC3 JSON POST) gets the documented sample, and the NotFound error', async () => {
  const sample = scenario('tencent-cvm.ModifyImageAttribute/documented-json-sample')
  const answer = answerOf(sample.id) as { Response: Record<string, unknown> }
  expect(await tc3().ModifyImageAttribute(sample.request.params as { ImageId: string })).toEqual(
    answer.Response,
  )
  const missing = scenario('tencent-cvm.ModifyImageAttribute/not-found')
  await expect(
    tc3().ModifyImageAttribute(missing.request.params as { ImageId: string }),
  ).rejects.toMatchObject({ code: 'InvalidImageId.NotFound' })
})

it('the Huawei SDK core (AK/SK JSON PUT) gets the documented 200 sample', async () => {
  const sample = scenario('huawei-imagesearch.ModifyImage/documented-200-sample')
  const result = (await huaweiCall(sample.request.params)(stub.url)) as {
    result?: string
    httpStatusCode: number
  }
  expect(result).toMatchObject({ result: 'Success', httpStatusCode: 200 })
})
