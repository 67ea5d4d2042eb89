import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { z } from 'zod'
import {
  type Charset,
  charsetRegex,
  describeLimits,
  type FaultKind,
  type LimitEntry,
  listLimits,
  type OperationDefinition,
  operations,
  vendorErrorFor,
} from '../src/catalog/index.ts'
import { type ClientResult, sendWire, signCall, testCredentials } from '../src/client/index.ts'
import { type CredentialKind, findProtocol } from '../src/protocols/index.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

// The generated boundary suite. Every rule the catalogue enforces (`listLimits`: bytes, characters,
// charsets, tag and item counts, enums, types, one-of-required) and every required parameter gives
// values just inside and just outside it; each is sent to one real server through every signing
// variant of the operation's scheme (query, form and JSON bodies) and must be accepted inside and
// refused outside with the vendor's own parameter error. No case is written by hand: a rule added
// to the catalogue is tested here, a kind of rule the generator does not know fails loudly, and a
// changed rule fails the pinned rule list and (for a sourced rule) the check of its quote.

/** A JSON number written digit for digit into UpdateContent (past 2^53, where a double rounds). */
type RawNumber = { raw: string }
const raw = (digits: string): RawNumber => ({ raw: digits })
const isRaw = (value: unknown): value is RawNumber =>
  typeof value === 'object' && value !== null && 'raw' in value
const ABSENT = Symbol('absent')

/** What a case expects: success, success or the op's NotFound (a locator naming nothing), a fault. */
type Expect = 'ok' | 'accepted' | FaultKind
type Case = { name: string; param: string; value: unknown; expect: Expect }

// Characters of each UTF-8 width, none of them emoji: 'a' 1 byte, 'é' 2, '中' 3, '𠀀' 4 (CJK Ext B).
const WIDE = { 2: 'é', 3: '中', 4: '𠀀' } as const
const CHARSET_CANDIDATES = ['a', 'Z', '0', '-', '_', '中', 'é', '𠀀']
const OFF_CHARSET = [' ', '.', '!', '中', 'é', '😀']
const LONG_INSIDE = [
  '9223372036854775807',
  '-9223372036854775808',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
]
const LONG_OUTSIDE = ['9223372036854775808', '-9223372036854775809', '1.5']

/** `n` bytes of text ending in a character `width` bytes wide. */
const bytesEndingWide = (n: number, width: 2 | 3 | 4) => `${'a'.repeat(n - width)}${WIDE[width]}`

function charsetFill(charset: Charset, length: number): string {
  const one = new RegExp(`^[${charset.chars}]$`, 'u')
  const usable = CHARSET_CANDIDATES.filter((c) => one.test(c))
  if (usable.length === 0) throw new Error(`no candidate character fits [${charset.chars}]`)
  return Array.from({ length }, (_, i) => usable[i % usable.length]).join('')
}

function casesForRule(entry: LimitEntry, base: unknown): Case[] {
  const { param, limits } = entry
  const out: Case[] = []
  const add = (name: string, value: unknown, expect: Expect) =>
    out.push({ name: `${param} ${name}`, param, value, expect })
  const inside: Expect = base === undefined ? 'ok' : 'accepted'
  for (const [kind, limit] of Object.entries(limits)) {
    switch (kind) {
      case 'maxBytes': {
        const n = limit as number
        for (const width of [2, 3, 4] as const) {
          add(`${n} bytes ending in a ${width}-byte character`, bytesEndingWide(n, width), inside)
          add(
            `${n + 1} bytes ending in a ${width}-byte character`,
            bytesEndingWide(n + 1, width),
            'ValueTooLarge',
          )
        }
        break
      }
      case 'maxChars': {
        const n = limit as number
        for (const width of [3, 4] as const) {
          add(`${n} characters of ${width} bytes`, WIDE[width].repeat(n), inside)
          add(`${n + 1} characters of ${width} bytes`, WIDE[width].repeat(n + 1), 'ValueTooLarge')
        }
        break
      }
      case 'noEmoji':
        add('with a text symbol (©®™)', 'a©®™', inside)
        add('with an emoji', 'a😀', 'InvalidParameter')
        break
      case 'maxTags': {
        const n = limit as number
        const list = (count: number) => Array.from({ length: count }, (_, i) => `t${i}`).join(',')
        add(`of ${n} tags`, list(n), inside)
        add(`of ${n + 1} tags`, list(n + 1), 'ValueTooLarge')
        break
      }
      case 'maxTagBytes': {
        const n = limit as number
        for (const width of [2, 3, 4] as const) {
          const tag = (bytes: number) => bytesEndingWide(bytes, width)
          add(
            `with tags of ${n} bytes ending in ${width}-byte characters`,
            `${tag(n)},${tag(n)}`,
            inside,
          )
          add(
            `with a tag of ${n + 1} bytes ending in a ${width}-byte character`,
            `ok,${tag(n + 1)}`,
            'ValueTooLarge',
          )
        }
        break
      }
      case 'charset': {
        const charset = limit as Charset
        const prefix = charset.prefix ?? ''
        const fault = charset.fault ?? 'InvalidParameter'
        const { minChars: min, maxChars: max } = charset
        add(`of ${max} allowed characters`, prefix + charsetFill(charset, max), inside)
        if (min > 0) add(`of ${min} allowed characters`, prefix + charsetFill(charset, min), inside)
        if (charset.orEmpty) add('empty', '', inside)
        add(`of ${max + 1} allowed characters`, prefix + charsetFill(charset, max + 1), fault)
        if (min > 1 || (min === 1 && !charset.orEmpty))
          add(`of ${min - 1} allowed characters`, prefix + charsetFill(charset, min - 1), fault)
        const off = OFF_CHARSET.find((c) => !new RegExp(`^[${charset.chars}]$`, 'u').test(c))!
        add(`with "${off}"`, `${prefix}${charsetFill(charset, max - 1)}${off}`, fault)
        if (prefix) add(`without "${prefix}"`, charsetFill(charset, max), fault)
        // The rule must be exactly what the generator reads: its regex agrees on every value.
        for (const c of out) {
          const accepted = c.expect === 'ok' || c.expect === 'accepted'
          if (typeof c.value === 'string' && charsetRegex(charset).test(c.value) !== accepted)
            throw new Error(`charset case "${c.name}" disagrees with the rule's regex`)
        }
        break
      }
      case 'oneOf':
        for (const value of limit as string[]) add(`= ${value}`, value, inside)
        add(`= not-${(limit as string[])[0]}`, `not-${(limit as string[])[0]}`, 'InvalidParameter')
        break
      case 'type':
        if (limit === 'Long') {
          for (const v of LONG_INSIDE) add(`= "${v}"`, v, inside)
          for (const v of LONG_OUTSIDE) add(`= "${v}"`, v, 'InvalidParameter')
          if (param.includes('[].')) {
            add('= 9223372036854775807 as a JSON number', raw('9223372036854775807'), inside)
            add('= 9007199254740993 as a JSON number', raw('9007199254740993'), inside)
            add(
              '= 9223372036854775808 as a JSON number',
              raw('9223372036854775808'),
              'InvalidParameter',
            )
          }
        } else if (limit === 'boolean') {
          add('= "true"', 'true', inside)
          add('= "false"', 'false', inside)
          add('= "yes"', 'yes', 'InvalidParameter')
        } else if (limit === 'object') {
          const key = Object.keys((base ?? {}) as object)[0]
          add('= {}', {}, inside)
          if (key) add(`with a number value`, { [key]: 1 }, inside)
          add('= a string', 'x', 'InvalidParameter')
          add('= an array', ['x'], 'InvalidParameter')
        } else throw new Error(`the boundary suite has no cases for type "${String(limit)}"`)
        break
      case 'nonEmpty':
        add('empty', '', 'MissingParameter')
        break
      case 'oneRequired':
        add('all absent', ABSENT, 'MissingParameter')
        break
      case 'maxItems':
        // Handled by the caller, which knows the item.
        break
      default:
        throw new Error(`the boundary suite has no cases for the rule "${kind}" of ${param}`)
    }
  }
  return out
}

type Shape = Record<string, z.ZodType>
const shapeOf = (schema: z.ZodType): Shape => (schema as z.ZodObject).shape as Shape
const requiredKeys = (schema: z.ZodType) =>
  Object.entries(shapeOf(schema))
    .filter(([, field]) => !(field instanceof z.ZodOptional))
    .map(([key]) => key)
const oneRequired = (schema: z.ZodType): string[] =>
  ((schema.meta() as { limits?: { oneRequired?: string[] } } | undefined)?.limits?.oneRequired ??
    []) as string[]
const pick = (from: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]))

/** The smallest valid call from the operation's sample: its required parameters only. */
type Base = { top: Record<string, unknown>; itemParam?: string; item?: Record<string, unknown> }

function baseOf(op: OperationDefinition): Base {
  const sample = op.sampleRequests[0]!.params
  const keep = [...requiredKeys(op.input), ...oneRequired(op.input).slice(0, 1)]
  const top = pick(sample, keep)
  const itemParam = listLimits(op.input).find((e) => e.schema.meta()?.['item'])?.param
  if (!itemParam) return { top }
  const itemSchema = (op.input as z.ZodObject).shape[itemParam]!.meta()!['item'] as z.ZodType
  const sampleItem = (JSON.parse(String(sample[itemParam])) as Record<string, unknown>[])[0]!
  const item = pick(sampleItem, [
    ...requiredKeys(itemSchema),
    ...oneRequired(itemSchema).slice(0, 1),
  ])
  return { top, itemParam, item }
}

function casesOf(op: OperationDefinition, base: Base): Case[] {
  const cases: Case[] = [
    { name: 'the smallest valid call', param: '', value: undefined, expect: 'accepted' },
  ]
  for (const entry of listLimits(op.input)) {
    const [top, field] = entry.param.split('[].')
    const baseValue = field === undefined ? base.top[top!] : base.item?.[field]
    if (entry.limits['oneRequired']) {
      const keys = entry.limits['oneRequired'] as string[]
      const param = field === undefined ? keys.join('+') : `${top}[].${keys.join('+')}`
      cases.push(...casesForRule({ ...entry, param }, undefined))
      continue
    }
    cases.push(...casesForRule(entry, baseValue))
    if (entry.limits['maxItems'] !== undefined) {
      const n = entry.limits['maxItems'] as number
      cases.push(
        {
          name: `${entry.param} of ${n} items`,
          param: `${entry.param}#items`,
          value: n,
          expect: 'accepted',
        },
        {
          name: `${entry.param} of ${n + 1} items`,
          param: `${entry.param}#items`,
          value: n + 1,
          expect: 'CountExceeded',
        },
      )
    }
  }
  for (const key of requiredKeys(op.input))
    cases.push({ name: `${key} absent`, param: key, value: ABSENT, expect: 'MissingParameter' })
  // A string parameter sent as a JSON number, where a body carries JSON types (TC3, Huawei).
  for (const [key, field] of Object.entries(shapeOf(op.input))) {
    const inner = field instanceof z.ZodOptional ? field.unwrap() : field
    if (inner instanceof z.ZodString && key !== base.itemParam)
      cases.push({
        name: `${key} as a JSON number`,
        param: key,
        value: 12345,
        expect: 'InvalidParameter',
      })
  }
  if (base.itemParam) {
    const item = shapeOf(op.input)[base.itemParam]!.meta()!['item'] as z.ZodType
    for (const key of requiredKeys(item))
      cases.push({
        name: `${base.itemParam}[].${key} absent`,
        param: `${base.itemParam}[].${key}`,
        value: ABSENT,
        expect: 'MissingParameter',
      })
  }
  return cases
}

/** UpdateContent as JSON text, with raw numbers written digit for digit. */
function jsonText(items: Record<string, unknown>[]): string {
  return JSON.stringify(items, (_key, value) =>
    isRaw(value) ? `@@raw:${value.raw}@@` : value,
  ).replace(/"@@raw:(-?[\d.]+)@@"/g, '$1')
}

function paramsOf(base: Base, c: Case): Record<string, unknown> {
  const top: Record<string, unknown> = { ...base.top }
  let items = base.item ? [{ ...base.item }] : []
  const set = (target: Record<string, unknown>, key: string, value: unknown) => {
    if (value === ABSENT) delete target[key]
    else target[key] = value
  }
  const [head, field] = c.param.split('[].')
  if (c.param.endsWith('#items'))
    items = Array.from({ length: c.value as number }, () => ({ ...base.item }))
  else if (field !== undefined) for (const key of field.split('+')) set(items[0]!, key, c.value)
  else if (c.param) for (const key of head!.split('+')) set(top, key, c.value)
  if (base.itemParam && !(base.itemParam === c.param && c.value === ABSENT))
    top[base.itemParam] = jsonText(items)
  return top
}

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
      ...(kind ? { credentials: credentials[kind] } : {}),
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
    const notFound = vendorErrorFor(op.protocol, 'NotFound', op)
    if (c.expect === 'accepted' && out.code === String(notFound.code)) return undefined
    return `${c.name}: expected success, got ${got} ${out.message}`
  }
  const spec = vendorErrorFor(op.protocol, c.expect, op)
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

// The reference documents sit beside the repository (`../shared`); without them this check skips.
const SHARED = new URL('../../shared/', import.meta.url)
const normalise = (text: string) => text.replace(/\s+/g, ' ').replace(/(\d),(\d{3})/g, '$1$2')

function sourceText(source: string): string {
  const seed = /^seed (\d{3})$/.exec(source)
  if (seed) {
    const dir = new URL('seeds/', SHARED)
    const file = readdirSync(dir).find((name) => name.startsWith(`${seed[1]}_`))!
    return readFileSync(new URL(file, dir), 'utf8')
  }
  const section = /^protocols\.md §([\d.]+)$/.exec(source)
  if (!section) throw new Error(`unknown source "${source}"`)
  const lines = readFileSync(new URL('reference/protocols.md', SHARED), 'utf8').split('\n')
  const start = lines.findIndex((l) =>
    new RegExp(`^#+ ${section[1]!.replaceAll('.', '\\.')}[. ]`).test(l),
  )
  const level = /^#+/.exec(lines[start] ?? '')?.[0].length ?? 0
  const end = lines.findIndex(
    (l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level,
  )
  if (start < 0) throw new Error(`protocols.md has no section ${section[1]}`)
  return lines.slice(start, end < 0 ? undefined : end).join('\n')
}

function numbersOf(limits: Record<string, unknown>): number[] {
  return Object.entries(limits).flatMap(([name, value]) => {
    if (typeof value === 'number') return [value]
    if (name === 'charset') return [(value as Charset).minChars, (value as Charset).maxChars]
    return []
  })
}

it.skipIf(!existsSync(new URL('seeds/', SHARED)))(
  'finds each sourced rule stated in its source: the quote verbatim, every number and value of the rule in it',
  () => {
    const problems = operations.flatMap((op) =>
      listLimits(op.input).flatMap((e) => {
        if (e.source === 'inferred') return []
        const where = `${op.id} ${e.param} (${e.source})`
        if (e.quote.length === 0) return [`${where}: no quote`]
        const text = normalise(sourceText(e.source))
        const quote = normalise(e.quote.join(' '))
        const missing = e.quote
          .filter((q) => !text.includes(normalise(q)))
          .map((q) => `${where}: "${q}" is not in the source`)
        const numbers = numbersOf(e.limits)
          .filter((n) => !new RegExp(`(^|[^\\d])${n}([^\\d]|$)`).test(quote))
          .map((n) => `${where}: the quote does not state ${n}`)
        const values = ((e.limits['oneOf'] as string[] | undefined) ?? [])
          .filter((v) => !quote.includes(v))
          .map((v) => `${where}: the quote does not list ${v}`)
        return [...missing, ...numbers, ...values]
      }),
    )
    expect(problems).toEqual([])
  },
)
