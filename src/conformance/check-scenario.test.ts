import { expect, it } from 'vitest'
import { z } from 'zod'
import { updateImageInfos } from '../catalog/index.ts'
import type { Trace } from '../pipeline/index.ts'
import { checkScenario } from './check-scenario.ts'
import type { ConformScenario } from './conform-scenarios.ts'

/** A scenario of `operation` sending `params`, and the trace of a client that sent `sent` instead. */
function check(
  operation: ConformScenario['operation'],
  params: Record<string, unknown>,
  sent: unknown,
) {
  const scenario: ConformScenario = {
    id: `${operation.id}/case`,
    operation,
    description: 'a case',
    kind: 'sample',
    given: [],
    profile: 'live',
    request: { params },
    expect: { status: 200, result: {} },
    source: 'contract',
  }
  const trace = {
    operation: operation.id,
    protocol: operation.protocol,
    steps: [],
    params: { ...params, [Object.keys(params)[0]!]: sent },
  } as unknown as Trace
  return checkScenario(scenario, { ok: true, result: {} }, { traces: [trace] }).map((i) => [
    i.code,
    i.path,
    i.expected,
  ])
}

const items = (n: number) =>
  JSON.stringify(Array.from({ length: n }, (_, i) => ({ ImageId: `i${i}` })))

it('names a list parameter sent with more items than the catalogue allows, or as no JSON array', () => {
  expect(check(updateImageInfos, { UpdateContent: items(1) }, items(21))).toContainEqual([
    'sent.list',
    'params.UpdateContent',
    '"≤ 20 items"',
  ])
  expect(check(updateImageInfos, { UpdateContent: items(1) }, '{"ImageId":"a"}')).toContainEqual([
    'sent.list',
    'params.UpdateContent',
    '"a JSON array"',
  ])
  // A scenario that sends too many itself (the count error) is not the client's mistake.
  const own = check(updateImageInfos, { UpdateContent: items(21) }, items(21))
  expect(own.filter(([code]) => code === 'sent.list')).toEqual([])
})

it("reads the limit from the operation's own catalogue rule, whatever the parameter is called", () => {
  const listed = {
    ...updateImageInfos,
    id: 'made-up.Tag',
    input: z.object({
      Items: z.string().meta({ limits: { maxItems: 3 }, limitSource: 'inferred' }),
    }),
  }
  expect(check(listed, { Items: '[1]' }, '[1,2,3,4]')).toContainEqual([
    'sent.list',
    'params.Items',
    '"≤ 3 items"',
  ])
})
