import { XMLBuilder, XMLParser } from 'fast-xml-parser'

/**
 * Characters XML 1.0 cannot hold, not even as a character reference: C0 controls but tab, LF and
 * CR, lone surrogates, U+FFFE and U+FFFF.
 */
const NOT_XML = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu

/**
 * Text as XML can carry it: each character XML 1.0 forbids becomes U+FFFD (as Go's
 * `encoding/xml` does), so no parser refuses the document for a control character echoed from a
 * request or a client's output. The builder escapes `& < > " '`.
 */
function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '\ufffd')
}

const safe = (_name: string, value: unknown) => (typeof value === 'string' ? xmlSafe(value) : value)

const OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // An attribute whose value is "true" keeps its value: a bare attribute is not XML.
  suppressBooleanAttributes: false,
  tagValueProcessor: safe,
  attributeValueProcessor: safe,
}
const compact = new XMLBuilder(OPTIONS)
const indented = new XMLBuilder({ ...OPTIONS, format: true, suppressEmptyNode: true })
const DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' } }

/**
 * A whole XML document, `<?xml version="1.0" encoding="UTF-8"?>` first. Objects become child
 * elements, arrays repeat their parent's tag (`{L: ['a', 'b']}` → `<L>a</L><L>b</L>`), keys
 * starting `@_` are attributes and `#text` is an element's text beside them. Compact (`<X></X>`
 * for empty text) as the vendors send; `indent` for reports a person reads.
 */
export function renderXml(root: Record<string, unknown>, { indent = false } = {}): string {
  return (indent ? indented : compact).build({ ...DECLARATION, ...root })
}

const reader = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
})

/**
 * The inverse of `renderXml` for a document it rendered: every text a string, declaration and
 * attributes kept, so `renderXml(readXml(text))` gives the same bytes back.
 */
export function readXml(text: string): Record<string, unknown> {
  return reader.parse(text)
}
