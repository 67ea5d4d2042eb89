import { expect, it } from 'vitest'
import { renderBanner } from './render-banner.ts'

const base = {
  url: 'http://127.0.0.1:8080',
  auth: 'on',
  profile: 'live',
  seedSource: 'seed.json',
} as const
/** The banner's lines about limits, faults and the admin API (the rest is covered through the CLI). */
const tail = (banner: string) =>
  banner
    .split('\n')
    .filter((line) =>
      /rate limits|faults|^ {4}(\*|alibaba-vod\.)[^ ]* +\w+=|admin:|state-change|inspector:/.test(
        line,
      ),
    )
    .join('\n')

it('lists every admin route, the token requirement, active faults and rate limits', () => {
  const banner = renderBanner({
    ...base,
    adminToken: true,
    rateLimits: { 'alibaba-vod.UpdateVideoInfos': 0, 'alibaba-vod.UpdateImageInfos': 5 },
    faults: {
      seed: 3,
      operations: { '*': { latencyMs: 50 }, 'alibaba-vod.UpdateImageInfos': { errorRate: 0.5 } },
    },
  })
  expect(tail(banner)).toMatchInlineSnapshot(`
    "  rate limits (per account): alibaba-vod.UpdateImageInfos 5/s, tencent-cvm.ModifyImageAttribute 10/s
      faults injected (seed 3):
        *                                        latencyMs=50
        alibaba-vod.UpdateImageInfos             errorRate=0.5
      admin: http://127.0.0.1:8080/__tapedeck/{health,state,reset,requests,requests/{id},events,coverage,config,faults,provider-states} (requires the admin token: Authorization: Bearer <token>)
      Pact state-change URL: http://127.0.0.1:8080/__tapedeck/provider-states (pact verifier --state-change-url)
      inspector: http://127.0.0.1:8080/__tapedeck/ (live requests, why each failed, state, faults, coverage)"
  `)
})

it('shows the catalogue rate limits, no faults and no token line by default', () => {
  expect(tail(renderBanner(base))).toMatchInlineSnapshot(`
    "  rate limits (per account): alibaba-vod.UpdateVideoInfos 30/s, tencent-cvm.ModifyImageAttribute 10/s
      admin: http://127.0.0.1:8080/__tapedeck/{health,state,reset,requests,requests/{id},events,coverage,config,faults,provider-states}
      Pact state-change URL: http://127.0.0.1:8080/__tapedeck/provider-states (pact verifier --state-change-url)
      inspector: http://127.0.0.1:8080/__tapedeck/ (live requests, why each failed, state, faults, coverage)"
  `)
})
