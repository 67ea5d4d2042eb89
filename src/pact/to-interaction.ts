import { MatchersV3, type PactV4, XmlBuilder, type XmlElement } from '@pact-foundation/pact'
import { XMLParser } from 'fast-xml-parser'
import {
  bodyText,
  type ContractFields,
  fieldValue,
  protocolOf,
  type WireRequest,
  type WireResponse,
} from '../protocols/index.ts'
import { type Scenario, type ScenarioSetup, setupCredentials } from '../scenarios/index.ts'
import { PROFILE_STATE } from './provider-states.ts'

const { like, regex, matcherValueOrString } = MatchersV3

// pact-js does not export its V4 builder types from the package root; derive them.
type Unconfigured = ReturnType<PactV4['addInteraction']>
type WithRequest = ReturnType<Unconfigured['withRequest']>
type WithResponse = ReturnType<WithRequest['willRespondWith']>
type RequestBuilder = Parameters<NonNullable<Parameters<Unconfigured['withRequest']>[2]>>[0]
type ResponseBuilder = Parameters<NonNullable<Parameters<WithRequest['willRespondWith']>[1]>>[0]
/**
 * The key ids the reference client signed with never appear in a contract: volatile fields are
 * matched by pattern, so their examples carry a typed placeholder instead.
 */
function keyIdRedactor(setup: ScenarioSetup): (value: string) => string {
  const placeholders = Object.entries(setupCredentials(setup)).flatMap(([kind, credentials]) =>
    credentials ? [[credentials.keyId, `EXAMPLE-${kind.toUpperCase()}-KEY-ID`] as const] : [],
  )
  return (value) =>
    placeholders.reduce((text, [id, placeholder]) => text.replaceAll(id, placeholder), value)
}

const SKIPPED_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'user-agent',
  'accept',
  'accept-encoding',
])

/** Names of the Pact provider states an interaction declares. */
function stateNames(scenario: Scenario): { name: string; params: Record<string, string> }[] {
  return [{ name: PROFILE_STATE(scenario.profile), params: {} }, ...scenario.given]
}

/** The one spelling of the content type header in a contract: the one Pact's body builders write. */
const CONTENT_TYPE = 'Content-Type'
const FORM_TYPE = 'application/x-www-form-urlencoded'

/**
 * Builds the Pact interaction for a played scenario: the request the reference client sent and the
 * response the simulator gave, volatile fields (query, form or header) as matchers, everything else
 * exact. A success's body also refuses the scheme's error envelope (`errorKey`).
 */
export function toInteraction(
  start: () => Unconfigured,
  scenario: Scenario,
  request: WireRequest,
  response: WireResponse,
  description = `${scenario.operation.action}: ${scenario.description}`,
  setup: ScenarioSetup = {},
): WithResponse {
  const { contract, volatile } = protocolOf(scenario.operation, setup.registry)
  const redact = keyIdRedactor(setup)
  let interaction = start().uponReceiving(description)
  for (const { name, params } of stateNames(scenario)) interaction = interaction.given(name, params)
  const params = (text: string) =>
    Object.fromEntries(
      [...new URLSearchParams(text)].map(([name, value]) => {
        const pattern = volatile.params[name]
        return [name, pattern ? regex(pattern, redact(value)) : value]
      }),
    )
  // One entry per header, whatever case the client used: `content-type` is written as Pact's own
  // `Content-Type`, which its body builders then keep instead of adding a second one.
  const headers = Object.fromEntries(
    Object.entries(request.headers)
      .filter(([name]) => !SKIPPED_HEADERS.has(name.toLowerCase()))
      .map(([name, value]) => {
        const pattern = volatile.headers[name.toLowerCase()]
        const key = name.toLowerCase() === 'content-type' ? CONTENT_TYPE : name.toLowerCase()
        return [key, pattern ? regex(pattern, redact(value)) : value]
      }),
  )
  const contentType = fieldValue(request, 'content-type') ?? ''
  return interaction
    .withRequest(request.method, request.path, (builder: RequestBuilder) => {
      if (request.query) builder.query(params(request.query))
      builder.headers(headers)
      if (request.body.length === 0) return
      const text = request.body.toString('utf8')
      if (contentType.startsWith('application/json')) builder.jsonBody(JSON.parse(text))
      else if (contentType.startsWith(FORM_TYPE)) formBody(builder, contentType, params(text))
      else builder.body(contentType, request.body)
    })
    .willRespondWith(response.status, (builder: ResponseBuilder) => {
      const type = fieldValue(response, 'content-type') ?? ''
      const isXml = type.includes('xml')
      const responseHeaders: Record<string, unknown> = {
        [CONTENT_TYPE]: regex(isXml ? '^(application|text)/xml.*' : '^application/json.*', type),
      }
      for (const name of contract.responseHeaders) {
        const value = fieldValue(response, name)
        if (value !== undefined) responseHeaders[name] = like(value)
      }
      const text = bodyText(response.body)
      if (isXml) builder.xmlBody(toXmlTemplate(text, contract.body))
      else {
        const body = JSON.parse(text) as unknown
        builder.jsonBody(toJsonTemplate(body, contract.body))
        if (scenario.expect.code === undefined && needsRefusal(body, contract))
          builder.matchingRules(refuseKey(contract.errorKey!))
      }
      // After the body: xmlBody() pins application/xml, the vendors send text/xml.
      builder.headers(responseHeaders as never)
    })
}

/**
 * A form body whose fields carry matchers. pact-js 16 offers form bodies only as bytes (matched
 * exactly, plus a content-type rule at `$` that the form matcher then applies to every field);
 * the FFI underneath takes a JSON template for `application/x-www-form-urlencoded` and writes the
 * form with per-field rules (`$.Signature`), which Pact's matchers, verifier and stub server read.
 */
function formBody(builder: RequestBuilder, contentType: string, fields: Record<string, unknown>) {
  const ffi = (builder as unknown as { interaction?: FfiInteraction }).interaction
  if (typeof ffi?.withRequestBody !== 'function')
    throw new TypeError(
      'Failed to declare a form body: this pact-js no longer exposes the interaction to its request builder; pin @pact-foundation/pact 16.5.0',
    )
  ffi.withRequestBody(matcherValueOrString(fields), contentType)
}

type FfiInteraction = { withRequestBody: (body: string, contentType: string) => boolean }

/**
 * Whether a success body needs the rule refusing the error key: only where every key of the object
 * that would hold it is volatile (`{"Response":{"RequestId":…}}`). A rule on an object turns off
 * Pact's check that its expected keys are present, so it is kept off objects with fields of their
 * own, which an error envelope lacks anyway.
 */
function needsRefusal(body: unknown, contract: ContractFields): boolean {
  if (!contract.errorKey) return false
  let holder = body
  for (const key of contract.errorKey.parent)
    holder =
      holder !== null && typeof holder === 'object'
        ? (holder as Record<string, unknown>)[key]
        : undefined
  if (holder === null || typeof holder !== 'object' || Array.isArray(holder)) return false
  return Object.keys(holder).every((key) => contract.body.includes(key))
}

/**
 * An `eachKey` rule on the object holding the error key: every key must be something else. The
 * regex is the complement of the one name (Pact's regex engine has no look-ahead): shorter, longer,
 * or differing at some position.
 */
function refuseKey({ parent, key }: { parent: readonly string[]; key: string }) {
  const path = ['$', ...parent].join('.')
  const chars = [...key]
  const literal = (text: string) => text.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')
  const differing = chars.map(
    (char, i) =>
      `${literal(chars.slice(0, i).join(''))}[^${literal(char)}].{${chars.length - i - 1}}`,
  )
  const pattern = `^(.{0,${chars.length - 1}}|.{${chars.length + 1},}|${differing.join('|')})$`
  return {
    body: [
      {
        path,
        rules: [{ 'pact:matcher:type': 'eachKey', rules: [{ match: 'regex', regex: pattern }] }],
      },
    ],
  } as never
}

function toJsonTemplate(value: unknown, volatile: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => toJsonTemplate(item, volatile))
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      volatile.includes(key) && typeof child !== 'object'
        ? like(child)
        : toJsonTemplate(child, volatile),
    ]),
  )
}

type OrderedNode = Record<string, OrderedNode[] | string> & { '#text'?: string }

const ordered = new XMLParser({
  preserveOrder: true,
  parseTagValue: false,
  ignoreDeclaration: true,
  trimValues: false,
})

function toXmlTemplate(body: string, volatile: readonly string[]): string {
  const [root] = (ordered.parse(body) as OrderedNode[]).filter((node) => !('#text' in node))
  const rootName = Object.keys(root!)[0]!
  const fill = (element: XmlElement, children: OrderedNode[]) => {
    for (const child of children) {
      if ('#text' in child) {
        element.appendText(String(child['#text']))
        continue
      }
      const name = Object.keys(child)[0]!
      const grand = child[name] as OrderedNode[]
      const text =
        grand.length === 1 && '#text' in grand[0]! ? String(grand[0]!['#text']) : undefined
      if (text !== undefined)
        element.appendElement(name, new Map(), volatile.includes(name) ? like(text) : text)
      else element.appendElement(name, new Map(), (inner) => fill(inner, grand))
    }
  }
  return new XmlBuilder('1.0', 'UTF-8', rootName).build((document) =>
    fill(document, root![rootName] as OrderedNode[]),
  )
}
