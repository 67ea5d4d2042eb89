/**
 * A deliberately broken client, to show what conformance failures look like. For Alibaba RPC it
 * signs by itself with three classic defects; every other scheme goes through the reference client.
 * 1. It percent-encodes with `encodeURIComponent`, which leaves `*` bare instead of `%2A`: any
 *    parameter holding `*` gets SignatureDoesNotMatch.
 * 2. Its nonce is a hash of the parameters, so the same request sent twice reuses a nonce.
 * 3. It cannot read XML: it asks for XML when told to, then reports a parse error.
 */
import { createHash, createHmac } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import { type ConformClient, serveClient } from '../../src/conformance/index.ts'
import { referenceClient } from './reference-client.ts'

const encode = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )

export const brokenClient: ConformClient = async (message) => {
  if (message.protocol !== 'alibaba-rpc') return referenceClient(message)
  const business = Object.fromEntries(
    Object.entries(message.params).map(([k, v]) => [k, String(v)]),
  )
  const params: Record<string, string> = {
    ...business,
    Action: message.action,
    Version: message.version ?? '',
    Format: message.format.toUpperCase(),
    AccessKeyId: message.credentials.keyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: createHash('md5').update(JSON.stringify(business)).digest('hex'),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  }
  const query = Object.keys(params)
    .sort()
    .map((k) => `${encode(k)}=${encode(params[k]!)}`)
    .join('&')
  const signature = createHmac('sha1', `${message.credentials.secret ?? ''}&`)
    .update(`GET&%2F&${encode(query)}`)
    .digest('base64')
  const response = await fetch(`${message.endpoint}/?${query}&Signature=${encode(signature)}`)
  const text = await response.text()
  if (message.format === 'xml')
    return { ok: false, error: { code: 'E_PARSE', message: 'cannot read XML' } }
  const body = JSON.parse(text) as Record<string, unknown>
  if (!response.ok)
    return { ok: false, error: { code: String(body['Code']), message: String(body['Message']) } }
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    const inner =
      value && typeof value === 'object' && !Array.isArray(value) ? Object.values(value) : []
    result[key] = inner.length === 1 && Array.isArray(inner[0]) ? inner[0] : value
  }
  return { ok: true, result }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await serveClient(brokenClient)
