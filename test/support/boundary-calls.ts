import { z } from 'zod'
import { listLimits, type OperationDefinition } from '../../src/catalog/index.ts'
import { ABSENT, type Case, casesForRule, isRaw } from './boundary-rule-cases.ts'

// The boundary suite's calls: the smallest valid call of an operation (from its sample request),
// every case of every rule and required parameter, and each case as the call's parameters.

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
export type Base = {
  top: Record<string, unknown>
  itemParam?: string
  item?: Record<string, unknown>
}

export function baseOf(op: OperationDefinition): Base {
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

export function casesOf(op: OperationDefinition, base: Base): Case[] {
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

export function paramsOf(base: Base, c: Case): Record<string, unknown> {
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
