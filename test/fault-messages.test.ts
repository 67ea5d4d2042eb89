import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'
import {
  FAULT_KINDS,
  type FaultDetail,
  type FaultKind,
  operations,
  type ProtocolId,
  renderMessage,
  vendorErrorFor,
} from '../src/catalog/index.ts'
import { findProtocol, protocols } from '../src/protocols/index.ts'
import { startTestServer } from './support/start-test-server.ts'

const ROOT = join(import.meta.dirname, '..')

/**
 * Call sites whose fault kind is not a literal: the kinds they can raise and the details a spread
 * adds (`validateInput` raises what `src/catalog/limits.ts` issues, with `max` for every limit).
 */
const DYNAMIC: Record<string, { kinds: FaultKind[]; spread: (keyof FaultDetail)[] }[]> = {
  'src/catalog/define-operation.ts': [
    { kinds: ['MissingParameter', 'MalformedId'], spread: [] },
    { kinds: ['ValueTooLarge', 'CountExceeded'], spread: ['max'] },
  ],
  'src/pipeline/create-pipeline.ts': [{ kinds: ['Throttled', 'InternalError'], spread: [] }],
}

/** Files that serve some schemes only; every other file's faults reach every scheme. */
const SCHEMES_OF: Record<string, readonly ProtocolId[]> = {
  'src/protocols/alibaba-rpc.ts': ['alibaba-rpc'],
  'src/protocols/alibaba-signature.ts': ['alibaba-rpc'],
  'src/protocols/tencent-v2.ts': ['tencent-v2'],
  'src/protocols/tencent-hmac-signature.ts': ['tencent-v2', 'tencent-v3'],
  'src/protocols/tencent-v3.ts': ['tencent-v3'],
  'src/protocols/tc3-signature.ts': ['tencent-v3'],
  'src/protocols/huawei-apig.ts': ['huawei-apig'],
  'src/protocols/apig-signature.ts': ['huawei-apig'],
  'src/simulator/execute-update-video-infos.ts': ['alibaba-rpc'],
  'src/simulator/execute-update-media-info.ts': ['alibaba-rpc'],
  'src/simulator/modify-cvm-image.ts': ['tencent-v2', 'tencent-v3'],
  'src/simulator/execute-modify-image.ts': ['huawei-apig'],
}

/** A `{reason}` closing a template after a full stop is an optional sentence; all else must be filled. */
const OPTIONAL_REASON = /[.!?] \{reason\}$/

type CallSite = { file: string; kind: FaultKind; keys: string[] }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

/** Splits `text` at top-level commas, skipping strings, template literals and brackets. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = []
  let depth = 0
  let quote = ''
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = ''
      continue
    }
    if (c === "'" || c === '"' || c === '`') quote = c
    else if ('({['.includes(c ?? '')) depth++
    else if (')}]'.includes(c ?? '')) depth--
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  return parts.map((part) => part.trim()).filter(Boolean)
}

/** The arguments of the call whose `(` is at `open`. */
function callArguments(source: string, open: number): string {
  let depth = 0
  let quote = ''
  for (let i = open; i < source.length; i++) {
    const c = source[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = ''
      continue
    }
    if (c === "'" || c === '"' || c === '`') quote = c
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return source.slice(open + 1, i)
  }
  throw new Error(`unbalanced call at ${open}`)
}

/** Every `fault(kind, detail)` call in `src/`, with the detail keys it passes. */
function faultCallSites(): CallSite[] {
  const sites: CallSite[] = []
  for (const path of sourceFiles(join(ROOT, 'src'))) {
    const file = relative(ROOT, path)
    const source = readFileSync(path, 'utf8')
    for (const match of source.matchAll(/(?<![\w.])fault\(/g)) {
      const args = splitTopLevel(callArguments(source, match.index + 'fault'.length))
      const [kindArg, detailArg = '{}'] = args
      if (kindArg === undefined || kindArg.startsWith('kind:')) continue // the definition
      const keys = splitTopLevel(detailArg.replace(/^\{|\}$/g, ''))
        .filter((part) => !part.startsWith('...'))
        .map((part) => /^(\w+)/.exec(part)?.[1] ?? part)
        .sort()
      const literal = /^'(\w+)'$/.exec(kindArg)?.[1]
      if (literal) {
        expect(FAULT_KINDS, `${file}: ${kindArg}`).toContain(literal)
        sites.push({ file, kind: literal as FaultKind, keys })
        continue
      }
      const dynamic = DYNAMIC[file]
      expect(dynamic, `${file} raises fault(${kindArg}): declare it in DYNAMIC`).toBeDefined()
      for (const entry of dynamic ?? []) {
        for (const kind of entry.kinds) sites.push({ file, kind, keys: [...keys, ...entry.spread] })
      }
    }
  }
  return sites
}

it('finds the fault call sites of src/ (literal and declared dynamic kinds)', () => {
  const sites = faultCallSites()
  expect(sites.length).toBeGreaterThan(60)
  expect(sites).toContainEqual({
    file: 'src/simulator/execute-modify-image.ts',
    kind: 'NotFound',
    keys: ['value'],
  })
})

it('renders every fault of every scheme without a hole, with the details the code passes', () => {
  const holes: string[] = []
  for (const site of faultCallSites()) {
    const detail: FaultDetail = Object.fromEntries(site.keys.map((key) => [key, `<${key}>`]))
    for (const protocol of SCHEMES_OF[site.file] ?? protocols.map((p) => p.id)) {
      const owners = [undefined, ...operations.filter((op) => op.protocol === protocol)]
      for (const operation of owners) {
        const spec = vendorErrorFor(findProtocol(protocol)!.errors, site.kind, operation)
        const message = renderMessage(spec.message, detail)
        const template = spec.message.replace(OPTIONAL_REASON, '.')
        const unfilled = [...template.matchAll(/\{(\w+)\}/g)]
          .map((m) => m[1])
          .filter((name) => !site.keys.includes(name ?? ''))
        if (unfilled.length > 0 || /\{\w+\}|``|""|''/.test(message)) {
          holes.push(`${protocol} ${site.kind} (${site.file}): ${message}`)
        }
      }
    }
  }
  expect([...new Set(holes)]).toEqual([])
})

it('names the refused image id in InvalidImageId.Malformed over a real server', async () => {
  const server = await startTestServer()
  try {
    expect(await server.client.modifyImageAttribute({ ImageId: 'image-1' })).toMatchObject({
      ok: false,
      status: 200,
      code: 'InvalidImageId.Malformed',
      message:
        'The image id `image-1` is malformed: ImageId must be "img-" then 8 characters of [a-z0-9]',
    })
  } finally {
    await server.close()
  }
})
