import { XMLParser } from 'fast-xml-parser'
import type { ListField, OperationDefinition, ResultField } from '../catalog/index.ts'

/** A recorded value that is not what the catalogue declares: where in the body, and what. */
export type TypeDrift = { field: string; message: string }

const xml = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, trimValues: true })

/**
 * Compares the values of a success body with the operation's declared result fields, in JSON or
 * XML, against the shapes of both response profiles (a tape may hold either): a list must be a
 * list of strings, flat (`["a"]`) or wrapped (`{"VideoId": ["a"]}`) as the profiles declare it
 * (XML: `<L><VideoId>a</VideoId></L>` or `<L>a</L>` repeated); a scalar field a string. Fields are
 * looked up in the body's result object, under any one-key envelope (`Response`, the XML root);
 * each drift names its path in the body. Undefined when the body is neither JSON nor XML.
 */
export function checkResultTypes(
  operation: OperationDefinition,
  text: string,
): TypeDrift[] | undefined {
  const document = parseBody(text)
  if (!document) return undefined
  const names = new Set(operation.result.map((field) => field.name))
  const { value: body, path: prefix } = resultObject(document.value, names)
  if (!isRecord(body)) return []
  const drifts: TypeDrift[] = []
  for (const field of operation.result) {
    const value = body[field.name]
    if (value === undefined) continue
    const path = prefix ? `${prefix}.${field.name}` : field.name
    const drift = document.format === 'json' ? checkJson(field, value) : checkXml(field, value)
    if (drift)
      drifts.push({
        field: `${path}${drift.at}`,
        message: `${operation.id} response field "${path}${drift.at}" is ${describe(drift.value)}; documented: ${drift.expected}`,
      })
  }
  return drifts
}

type Found = { at: string; value: unknown; expected: string }

function checkJson(field: ResultField, value: unknown): Found | undefined {
  if (!isList(field))
    return typeof value === 'string' ? undefined : { at: '', value, expected: 'a string' }
  const shapes = new Set(Object.values(field.json))
  const flat = `a list of ${field.item} strings (["…"])`
  const wrapped = `{"${field.item}": ["…"]}`
  const expected = [...shapes].map((shape) => (shape === 'flat' ? flat : wrapped)).join(' or ')
  if (Array.isArray(value) && shapes.has('flat')) return stringItems(value, '', field.item)
  if (isRecord(value) && shapes.has('wrapped')) {
    const inner = value[field.item]
    const extra = Object.keys(value).find((key) => key !== field.item)
    if (extra !== undefined) return { at: `.${extra}`, value: value[extra], expected }
    if (Array.isArray(inner)) return stringItems(inner, `.${field.item}`, field.item)
    return { at: `.${field.item}`, value: inner, expected: `a list of ${field.item} strings` }
  }
  return { at: '', value, expected }
}

function checkXml(field: ResultField, value: unknown): Found | undefined {
  if (!isList(field))
    return typeof value === 'string' ? undefined : { at: '', value, expected: 'text' }
  const shapes = new Set(Object.values(field.xml))
  const expected = [...shapes]
    .map((shape) =>
      shape === 'bare'
        ? `<${field.name}>…</${field.name}> repeated`
        : `<${field.name}><${field.item}>…</${field.item}></${field.name}>`,
    )
    .join(' or ')
  // An empty list renders as an empty element, in either shape.
  if (value === '') return undefined
  if (isRecord(value) && shapes.has('wrapped')) {
    const extra = Object.keys(value).find((key) => key !== field.item)
    if (extra !== undefined) return { at: `.${extra}`, value: value[extra], expected }
    const inner = value[field.item]
    return stringItems(Array.isArray(inner) ? inner : [inner], `.${field.item}`, field.item)
  }
  if (shapes.has('bare') && (typeof value === 'string' || Array.isArray(value)))
    return stringItems(Array.isArray(value) ? value : [value], '', field.item)
  return { at: '', value, expected }
}

function stringItems(items: unknown[], at: string, item: string): Found | undefined {
  const index = items.findIndex((entry) => typeof entry !== 'string')
  if (index === -1) return undefined
  return { at: `${at}[${index}]`, value: items[index], expected: `a ${item} string` }
}

function parseBody(text: string): { format: 'json' | 'xml'; value: unknown } | undefined {
  const trimmed = text.trimStart()
  if (trimmed.startsWith('<')) {
    try {
      return { format: 'xml', value: xml.parse(trimmed) }
    } catch {
      return undefined
    }
  }
  try {
    return { format: 'json', value: JSON.parse(text) }
  } catch {
    return undefined
  }
}

/** The object holding the result fields: the body, or what a one-key envelope wraps. */
function resultObject(value: unknown, names: Set<string>): { value: unknown; path: string } {
  let path = ''
  let node = value
  for (;;) {
    if (!isRecord(node)) return { value: node, path }
    const keys = Object.keys(node)
    const only = keys.length === 1 ? node[keys[0]!] : undefined
    if (!isRecord(only) || names.has(keys[0]!)) return { value: node, path }
    path = path ? `${path}.${keys[0]}` : keys[0]!
    node = only
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return `a list (${shorten(JSON.stringify(value))})`
  if (typeof value === 'object') return `an object (${shorten(JSON.stringify(value))})`
  return `a ${typeof value} (${shorten(JSON.stringify(value))})`
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}

function isList(field: ResultField): field is ListField {
  return 'item' in field
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
