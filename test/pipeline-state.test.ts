import { describe, expect, it } from 'vitest'
import { modifyImageAttribute } from '../src/catalog/index.ts'
import { signCall, testCredentials } from '../src/client/index.ts'
import { createPipeline } from '../src/pipeline/index.ts'
import { type Memo, tencentV3, type WireProtocol } from '../src/protocols/index.ts'
import { createSimulator } from '../src/simulator/index.ts'

const NOW = Date.parse('2026-01-01T00:00:00Z')

/** A pipeline serving TC3 through a scheme that notes the memo each authentication is given. */
function pipelineNotingMemos(seen: (Memo | undefined)[]) {
  const noting: WireProtocol = {
    ...tencentV3,
    authenticate(call, request, ctx) {
      seen.push(ctx.memo)
      return tencentV3.authenticate(call, request, ctx)
    },
  }
  const simulator = createSimulator()
  return createPipeline({
    engine: simulator,
    keys: simulator.keys,
    registry: { protocols: [noting], operations: [modifyImageAttribute] },
    now: () => NOW,
    rateLimits: { [modifyImageAttribute.id]: 0 },
  })
}

const request = () =>
  signCall(
    { endpoint: 'http://127.0.0.1:8080', credentials: testCredentials(), now: () => NOW },
    modifyImageAttribute,
    { ImageId: 'img-gvbnzy6f', ImageName: 'renamed' },
  )

describe('state lives in the pipeline value, not in modules', () => {
  it('each pipeline gives its schemes a memo of its own, the same one for each of its requests', () => {
    const one: (Memo | undefined)[] = []
    const other: (Memo | undefined)[] = []
    const first = pipelineNotingMemos(one)
    const second = pipelineNotingMemos(other)
    for (const pipeline of [first, second, first, second]) {
      expect(pipeline.handle(request()).response.status).toBe(200)
    }
    expect(one).toHaveLength(2)
    expect(other).toHaveLength(2)
    expect(one[0]).toBeDefined()
    expect(one[1]).toBe(one[0])
    expect(other[1]).toBe(other[0])
    expect(other[0]).not.toBe(one[0])
  })
})
