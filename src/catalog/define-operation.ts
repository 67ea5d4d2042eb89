import type { z } from 'zod'
import { type Fault, type FaultKind, fault, type VendorErrorSpec } from './faults.ts'

/** A wire scheme's id (`WireProtocol.id`): the scheme an operation is spoken in. */
export type ProtocolId = string

/**
 * Response-shape profiles, for where the documents and the live services disagree:
 * `live` is what the official SDKs parse (the default), `documented` renders exactly the seed samples.
 */
export const PROFILES = ['live', 'documented'] as const
export type Profile = (typeof PROFILES)[number]

/** Response formats a wire scheme can render. */
export type Format = 'json' | 'xml'

/**
 * A list in a success response, and how each profile renders it: JSON `flat` (`["a"]`) or `wrapped`
 * (`{"ImageId":["a"]}`); XML `wrapped` (`<L><ImageId>a</ImageId></L>`) or `bare` (`<L>a</L>` repeated).
 */
export type ListField = {
  name: string
  item: string
  json: Record<Profile, 'flat' | 'wrapped'>
  xml: Record<Profile, 'wrapped' | 'bare'>
}

/** A scalar result field (the ICE `MediaId`). */
export type ScalarField = { name: string }

export type ResultField = ListField | ScalarField

/** One documented sample, verbatim from the vendor document. */
export type Sample = {
  name: string
  format: Format
  /** The response-shape profile this sample matches verbatim. */
  profile: Profile
  body: string
  status: number
}

/** A documented sample request: business parameters as the vendor doc shows them. */
export type SampleRequest = {
  name: string
  host: string
  params: Record<string, unknown>
}

export type OperationDefinition<Input extends z.ZodType = z.ZodType> = {
  /** Stable id, `<provider>.<Action>`. */
  id: string
  /** Who sells it, for grouping (contracts, banner, tables). */
  provider: string
  protocol: ProtocolId
  /** The action name on the wire. */
  action: string
  /** API version (`Version`, `X-TC-Version`); undefined where the scheme has none. */
  version: string | undefined
  /** Service code (`vod`, `ice`, `cvm`, `imagesearch`): Recommend links, TC3 scope. */
  product: string
  summary: string
  docUrl: string
  /** Documented hosts (sample and doc text); the simulator answers whatever Host is sent. */
  hosts: readonly string[]
  /** Every host the vendor serves the operation on, `{region}` standing for a region id (MSW handlers). */
  hostTemplates: readonly string[]
  /** REST operations: method and path template. */
  http?: { method: string; path: string }
  /** Business parameters as they arrive on the wire, with every documented limit. */
  input: Input
  /** Result fields besides the request id. */
  result: readonly ResultField[]
  /** The faults this operation documents (beyond the scheme's common ones). */
  faults: readonly FaultKind[]
  /** Per-operation overrides of the scheme's error table. */
  errors?: Partial<Record<FaultKind, VendorErrorSpec>>
  /** Calls per second per account before the vendor throttles (UpdateVideoInfos: 30, ModifyImageAttribute: 10). */
  rateLimit?: number
  sampleRequests: readonly SampleRequest[]
  samples: readonly Sample[]
}

/** Declares one operation of the catalogue; the value is frozen data. */
export function defineOperation<Input extends z.ZodType>(
  definition: OperationDefinition<Input>,
): Readonly<OperationDefinition<Input>> {
  return Object.freeze(definition)
}

/** Renders a zod path as the vendors name nested parameters: `UpdateContent[0].Title`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out ? `.${String(key)}` : String(key)
  }
  return out
}

/**
 * Validates business parameters against the operation's schema and returns the typed input or the
 * first fault, in the order the vendor would check (count limits before items).
 */
export function validateInput<Input extends z.ZodType>(
  operation: OperationDefinition<Input>,
  params: unknown,
): { ok: true; value: z.output<Input> } | { ok: false; fault: Fault } {
  // The fast path first: `reportInput` turns off zod's compiled checks (7× slower). Only a
  // failure is parsed again, with the input reported, for the fault's details.
  const fast = operation.input.safeParse(params)
  if (fast.success) return { ok: true, value: fast.data }
  const parsed = operation.input.safeParse(params, { reportInput: true })
  if (parsed.success) return { ok: true, value: parsed.data }
  const first = parsed.error.issues[0]
  if (!first)
    return { ok: false, fault: fault('InvalidParameter', { param: '', reason: 'invalid' }) }
  const param = formatPath(first.path)
  const custom = ((first as { params?: unknown }).params ?? {}) as {
    fault?: FaultKind
    max?: string
  }
  if (custom.fault) {
    const max = custom.max === undefined ? {} : { max: custom.max }
    const value = shownValue(first.input)
    return {
      ok: false,
      fault: fault(custom.fault, { param, value, reason: `${param} ${first.message}`, ...max }),
    }
  }
  // A JSON `null` is an absent value: Huawei documents `"path": null` as IS.0003 "can not be null".
  if (first.code === 'invalid_type' && (first.input === undefined || first.input === null)) {
    return { ok: false, fault: fault('MissingParameter', { param }) }
  }
  return {
    ok: false,
    fault: fault('InvalidParameter', { param, reason: `${param} ${first.message}` }),
  }
}

// Messages name the refused value (`The image id \`image-1\` is malformed`); long ones are cut.
const SHOWN_CHARS = 128

/** The refused value as a message shows it: text and numbers as written, anything else as JSON. */
function shownValue(input: unknown): string {
  const shown = typeof input === 'string' ? input : (JSON.stringify(input) ?? String(input))
  return shown.length > SHOWN_CHARS ? `${shown.slice(0, SHOWN_CHARS)}…` : shown
}
