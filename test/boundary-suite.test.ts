import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  describeLimits,
  listLimits,
  type OperationDefinition,
  operations,
  vendorErrorFor,
} from '../src/catalog/index.ts'
import {
  type ClientResult,
  type CredentialSet,
  sendWire,
  signCall,
  testCredentials,
} from '../src/client/index.ts'
import { type CredentialKind, findProtocol } from '../src/protocols/index.ts'
import { baseOf, casesOf, paramsOf } from './support/boundary-calls.ts'
import type { Case } from './support/boundary-rule-cases.ts'
import { quoteProblems, SOURCES_PRESENT } from './support/rule-sources.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

// The generated boundary suite. Every rule the catalogue enforces (`listLimits`: bytes, characters,
// charsets, tag and item counts, enums, types, one-of-required) and every required parameter gives
// values just inside and just outside it; each is sent to one real server through every signing
// variant of the operation's scheme (query, form and JSON bodies) and must be accepted inside and
// refused outside with the vendor's own parameter error. No case is written by hand: a rule added
// to the catalogue is tested here, a kind of rule the generator does not know fails loudly, and a
// changed rule fails the pinned rule list and (for a sourced rule) the check of its quote.

// Credentials a variant signs with, where it is not the scheme's own kind (an IAM token).
const VARIANT_CREDENTIALS: Record<string, CredentialKind> = { TOKEN: 'huawei-token' }

let server: TestServer
let pathParams: Record<string, string>
beforeAll(async () => {
  server = await startTestServer({
    rateLimits: Object.fromEntries(operations.map((op) => [op.id, 0])),
  })
  // The Huawei sample path's instance, read from the state rather than named here.
  const state = (await server.admin('GET', 'state')).json
  const path = operations.flatMap((op) =>
    op.http ? [op.sampleRequests[0]!.params['path']] : [],
  )[0]
  const instance = state.imagesearchInstances.find((i: { images: { path: string }[] }) =>
    i.images.some((image) => image.path === path),
  )
  pathParams = { project_id: instance.project, instance_name: instance.name }
})
afterAll(() => server.close())

let nonce = 0
async function send(
  op: OperationDefinition,
  variant: string,
  params: Record<string, unknown>,
): Promise<ClientResult & { sentJson: boolean }> {
  const kind = VARIANT_CREDENTIALS[variant]
  const credentials = testCredentials()
  const request = signCall(
    { endpoint: server.url, credentials, now: server.now, nonce: () => String(++nonce) },
    op,
    params,
    {
      variant,
      ...(op.http ? { pathParams } : {}),
      ...(kind ? { credentials: (credentials as CredentialSet)[kind]! } : {}),
    },
  )
  const response = await sendWire(server.url, request)
  const read = findProtocol(op.protocol)!.readResponse(response, op)
  const sentJson = (request.headers['content-type'] ?? '').includes('json')
  return { ...read, status: response.status, sentJson }
}

function verdict(op: OperationDefinition, c: Case, out: ClientResult): string | undefined {
  const got = out.ok ? 'ok' : `${out.code} ${out.status}`
  if (c.expect === 'ok' || c.expect === 'accepted') {
    if (out.ok) return undefined
    const notFound = vendorErrorFor(findProtocol(op.protocol)!.errors, 'NotFound', op)
    if (c.expect === 'accepted' && out.code === String(notFound.code)) return undefined
    return `${c.name}: expected success, got ${got} ${out.message}`
  }
  const spec = vendorErrorFor(findProtocol(op.protocol)!.errors, c.expect, op)
  if (!out.ok && out.code === String(spec.code) && out.status === spec.status) return undefined
  return `${c.name}: expected ${c.expect} (${spec.code} ${spec.status}), got ${got}`
}

const CONCURRENCY = 8

for (const op of operations) {
  const protocol = findProtocol(op.protocol)!
  for (const variant of protocol.variants) {
    it(`${op.id} over ${variant}: inside every rule accepted, outside refused with the vendor's parameter error`, async () => {
      const base = baseOf(op)
      const cases = casesOf(op, base)
      const failures: string[] = []
      let sent = 0
      for (let i = 0; i < cases.length; i += CONCURRENCY) {
        await Promise.all(
          cases.slice(i, i + CONCURRENCY).map(async (c) => {
            const params = paramsOf(base, c)
            const needsJson = Object.values(params).some((v) => typeof v !== 'string')
            const out = await send(op, variant, params)
            // A value only a JSON body can carry (a number, an object) is not sent as text.
            if (needsJson && !out.sentJson) return
            sent++
            const problem = verdict(op, c, out)
            if (problem) failures.push(problem)
          }),
        )
      }
      expect(failures).toEqual([])
      expect(sent).toBeGreaterThan(1)
    })
  }
}

it('pins every rule of the catalogue (a changed limit must be a reviewed change)', () => {
  const rules = operations.flatMap((op) =>
    listLimits(op.input).map(
      (e) => `${op.id} ${e.param}: ${describeLimits(e.limits)} ← ${e.source}`,
    ),
  )
  expect(rules).toMatchInlineSnapshot(`
    [
      "alibaba-vod.UpdateImageInfos UpdateContent: maxItems 20 ← seed 000",
      "alibaba-vod.UpdateImageInfos UpdateContent[].Title: maxBytes 128, noEmoji ← seed 000",
      "alibaba-vod.UpdateImageInfos UpdateContent[].Description: maxBytes 1024, noEmoji ← seed 000",
      "alibaba-vod.UpdateImageInfos UpdateContent[].Tags: maxTags 16, maxTagBytes 32, noEmoji ← seed 000",
      "alibaba-vod.UpdateImageInfos UpdateContent[].CateId: type Long ← seed 000",
      "alibaba-vod.UpdateVideoInfos UpdateContent: maxItems 20 ← seed 001",
      "alibaba-vod.UpdateVideoInfos UpdateContent[].ReferenceId: 6 to 64 characters of [A-Za-z0-9_-] ← seed 001",
      "alibaba-vod.UpdateVideoInfos UpdateContent[].Tags: maxTags 16, maxTagBytes 32 ← seed 001",
      "alibaba-vod.UpdateVideoInfos UpdateContent[].CateId: type Long ← seed 001",
      "alibaba-vod.UpdateVideoInfos UpdateContent[].VideoId or UpdateContent[].ReferenceId: one of VideoId, ReferenceId required ← protocols.md §3",
      "alibaba-ice.UpdateMediaInfo BusinessType: one of subtitles, watermark, opening, ending, general, video ← seed 002",
      "alibaba-ice.UpdateMediaInfo Title: maxBytes 128 ← seed 002",
      "alibaba-ice.UpdateMediaInfo Description: maxBytes 1024 ← seed 002",
      "alibaba-ice.UpdateMediaInfo Category: maxBytes 64 ← seed 002",
      "alibaba-ice.UpdateMediaInfo MediaTags: maxTags 16, maxTagBytes 32 ← seed 002",
      "alibaba-ice.UpdateMediaInfo CoverURL: maxBytes 128 ← seed 002",
      "alibaba-ice.UpdateMediaInfo UserData: maxBytes 1024 ← seed 002",
      "alibaba-ice.UpdateMediaInfo AppendTags: type boolean ← seed 002",
      "alibaba-ice.UpdateMediaInfo CateId: type Long ← protocols.md §4",
      "alibaba-ice.UpdateMediaInfo ReferenceId: 6 to 64 characters of [A-Za-z0-9_-] ← seed 002",
      "alibaba-ice.UpdateMediaInfo MediaId or InputURL: one of MediaId, InputURL required ← seed 002",
      "tencent-cvm-v2.ModifyImageAttributes imageName: 1 to 16 characters of [A-Za-z0-9-], or empty ← seed 003",
      "tencent-cvm-v2.ModifyImageAttributes imageDescription: 0 to 64 characters of [A-Za-z0-9_-] or CJK ← protocols.md §5.2",
      "tencent-cvm.ModifyImageAttribute ImageId: "img-" then 8 characters of [a-z0-9] ← inferred",
      "tencent-cvm.ModifyImageAttribute ImageName: maxChars 20 ← protocols.md §6",
      "tencent-cvm.ModifyImageAttribute ImageDescription: maxChars 60 ← protocols.md §6",
      "tencent-cvm.ModifyImageAttribute ImageDeprecated: type boolean ← protocols.md §6",
      "huawei-imagesearch.ModifyImage path: nonEmpty ← seed 004",
      "huawei-imagesearch.ModifyImage tags: type object ← seed 004",
    ]
  `)
})

it.skipIf(!SOURCES_PRESENT)(
  'finds each sourced rule stated in its source: the quote verbatim, every number and value of the rule in it',
  () => {
    const problems = operations.flatMap((op) =>
      listLimits(op.input).flatMap((e) =>
        e.source === 'inferred' ? [] : quoteProblems(`${op.id} ${e.param} (${e.source})`, e),
      ),
    )
    expect(problems).toEqual([])
  },
)
