import { MatchersV3, type PactV4, XmlBuilder, type XmlElement } from '@pact-foundation/pact'
import { XMLParser } from 'fast-xml-parser'
import { testCredentials } from '../client/index.ts'
import { bodyText, fieldValue, type WireRequest, type WireResponse } from '../protocols/index.ts'
import type { Scenario } from '../scenarios/index.ts'
import { PROFILE_STATE } from './provider-states.ts'
import { volatileFields } from './volatile-fields.ts'

const { like, regex } = MatchersV3

// pact-js does not export its V4 builder types from the package root; derive them.
type Unconfigured = ReturnType<PactV4['addInteraction']>
type WithRequest = ReturnType<Unconfigured['withRequest']>
type WithResponse = ReturnType<WithRequest['willRespondWith']>
type RequestBuilder = Parameters<NonNullable<Parameters<Unconfigured['withRequest']>[2]>>[0]
type ResponseBuilder = Parameters<NonNullable<Parameters<WithRequest['willRespondWith']>[1]>>[0]
// The key ids the reference client signed with never appear in a contract: volatile fields are
// matched by pattern, so their examples carry a typed placeholder instead.
const KEY_ID_PLACEHOLDERS = Object.entries(testCredentials()).map(
  ([kind, credentials]) => [credentials.keyId, `EXAMPLE-${kind.toUpperCase()}-KEY-ID`] as const,
)
const redact = (value: string) =>
  KEY_ID_PLACEHOLDERS.reduce((text, [id, placeholder]) => text.replaceAll(id, placeholder), value)

const SKIPPED_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'user-agent',
  'accept',
  'accept-encoding',
])

/** Names of the Pact provider states an interaction declares. */
export function stateNames(scenario: Scenario): { name: string; params: Record<string, string> }[] {
  return [{ name: PROFILE_STATE(scenario.profile), params: {} }, ...scenario.given]
}

/**
 * Builds the Pact interaction for a played scenario: the request the reference client sent and the
 * response the simulator gave, volatile fields as matchers, everything else exact.
 */
export function toInteraction(
  start: () => Unconfigured,
  scenario: Scenario,
  request: WireRequest,
  response: WireResponse,
): WithResponse {
  const volatile = volatileFields[scenario.operation.protocol]
  let interaction = start().uponReceiving(`${scenario.operation.action}: ${scenario.description}`)
  for (const { name, params } of stateNames(scenario)) interaction = interaction.given(name, params)
  const query = Object.fromEntries(
    [...new URLSearchParams(request.query)].map(([name, value]) => {
      const pattern = volatile.params[name]
      return [name, pattern ? regex(pattern, redact(value)) : value]
    }),
  )
  const headers = Object.fromEntries(
    Object.entries(request.headers)
      .filter(([name]) => !SKIPPED_HEADERS.has(name))
      .map(([name, value]) => {
        const pattern = volatile.headers[name]
        return [name, pattern ? regex(pattern, redact(value)) : value]
      }),
  )
  const contentType = request.headers['content-type'] ?? ''
  return interaction
    .withRequest(request.method, request.path, (builder: RequestBuilder) => {
      if (request.query) builder.query(query)
      builder.headers(headers)
      if (request.body.length > 0) {
        if (contentType.startsWith('application/json'))
          builder.jsonBody(JSON.parse(request.body.toString('utf8')))
        else builder.body(contentType, request.body)
      }
    })
    .willRespondWith(response.status, (builder: ResponseBuilder) => {
      const type = fieldValue(response, 'content-type') ?? ''
      const isXml = type.includes('xml')
      const responseHeaders: Record<string, unknown> = {
        'content-type': regex(isXml ? '^(application|text)/xml.*' : '^application/json.*', type),
      }
      for (const name of volatile.responseHeaders) {
        const value = fieldValue(response, name)
        if (value !== undefined) responseHeaders[name] = like(value)
      }
      const text = bodyText(response.body)
      if (isXml) builder.xmlBody(toXmlTemplate(text, volatile.body))
      else builder.jsonBody(toJsonTemplate(JSON.parse(text), volatile.body))
      // After the body: xmlBody() pins application/xml, the vendors send text/xml.
      builder.headers(responseHeaders as never)
    })
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
