import { z } from 'zod'
import { PROFILES, type Profile } from '../catalog/index.ts'
import { InvalidStateError } from '../errors.ts'
import type { WireRequest, WireResponse } from '../protocols/index.ts'
import {
  applyStates,
  PROFILE_STATE,
  type ProviderState,
  type Simulator,
  STATE_PARAMS,
  type StateName,
} from '../simulator/index.ts'
import type { RuntimeConfig } from './admin-api.ts'

// Pact's state-change convention, as each verifier sends it:
// - pact_verifier (Rust: pact-js, `pact verifier --state-change-url`) POSTs
//   `{"state", "params", "action": "setup"|"teardown"}`, or the same as a query string with
//   `--state-change-as-query`;
// - pact-provider-verifier (Ruby, `--provider-states-setup-url`) POSTs
//   `{"consumer", "state", "states": [state], "params"}` with no action (setup), and some versions
//   DELETE the same body to tear down;
// - pact-js 2 POSTed `{"consumer", "states": [...]}`.
// https://docs.pact.io/implementation_guides/rust/pact_verifier_cli#state-change-requests

const paramValue = z.union([z.string(), z.number(), z.boolean()]).transform(String)
const changeSchema = z.looseObject({
  state: z.string().optional(),
  states: z.array(z.string()).optional(),
  params: z.record(z.string(), paramValue).nullish(),
  action: z.enum(['setup', 'teardown']).optional(),
})

const profileOf = new Map<string, Profile>(PROFILES.map((p) => [PROFILE_STATE(p), p]))

/** Every state the endpoint knows, with the params each reads: `GET /__tapedeck/provider-states`. */
export function listProviderStates(): { name: string; params: readonly string[] }[] {
  return [
    ...PROFILES.map((p) => ({ name: PROFILE_STATE(p), params: [] })),
    ...Object.entries(STATE_PARAMS).map(([name, params]) => ({ name, params })),
  ]
}

const json = (status: number, value: unknown): WireResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
})

const refuse = (subject: string, reason: string, extra: Record<string, unknown> = {}) =>
  json(400, {
    code: 'E_PROVIDER_STATE',
    message: `Failed to set provider state ${subject}: ${reason}`,
    ...extra,
  })

/**
 * `POST|DELETE /__tapedeck/provider-states`: a Pact state change. Setup of "the response profile is
 * <profile>" resets the simulator to its seed and sets the profile; setup of a fact makes it true with
 * the smallest change to the state. Teardown changes nothing: the next interaction's profile state
 * resets. Every state is checked before any is applied; an unknown one answers 400 naming the known.
 */
export function handleProviderState(
  request: WireRequest,
  simulator: Simulator,
  config: RuntimeConfig,
): WireResponse {
  const read = readChange(request)
  if ('error' in read) return refuse('(request body)', `not JSON: ${read.error}`)
  const parsed = changeSchema.safeParse(read.change)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    return refuse('(request body)', `${issues.join('; ')}; send {"state", "params", "action"}`, {
      issues,
    })
  }
  const change = parsed.data
  const names = [...new Set([...(change.state ? [change.state] : []), ...(change.states ?? [])])]
  if (names.length === 0) return refuse('(request body)', 'no "state" given')
  const known = listProviderStates()
  const unknown = names.filter((name) => !known.some((k) => k.name === name))
  if (unknown.length > 0)
    return refuse(
      `"${unknown[0]}"`,
      `unknown state; use one of ${known.map((k) => `"${k.name}"`).join(', ')}`,
      { known: known.map((k) => k.name) },
    )
  const params = change.params ?? {}
  const action = change.action ?? (request.method === 'DELETE' ? 'teardown' : 'setup')
  if (action === 'teardown') return json(200, { action, states: names, changed: false })
  for (const name of names) {
    const missing = (STATE_PARAMS[name as StateName] ?? []).filter((p) => params[p] === undefined)
    if (missing.length > 0)
      return refuse(`"${name}"`, `missing params ${missing.map((p) => `"${p}"`).join(', ')}`)
  }
  try {
    for (const name of names) {
      const profile = profileOf.get(name)
      if (profile) {
        simulator.reset()
        config.profile = profile
        continue
      }
      const fact: ProviderState = { name: name as StateName, params }
      simulator.putState(applyStates(simulator.getState(), [fact]))
    }
  } catch (error) {
    if (error instanceof InvalidStateError)
      return refuse(`"${names.join('", "')}"`, error.message, { issues: error.issues })
    throw error
  }
  return json(200, { action, states: names, profile: config.profile })
}

/** The change from a JSON body, or from the query string (`--state-change-as-query`). */
function readChange(request: WireRequest): { change: unknown } | { error: string } {
  const text = request.body.toString('utf8').trim()
  if (text.length > 0) {
    try {
      return { change: JSON.parse(text) }
    } catch (error) {
      return { error: (error as Error).message }
    }
  }
  const { state, action, ...params } = Object.fromEntries(new URLSearchParams(request.query))
  return {
    change: { ...(state === undefined ? {} : { state }), ...(action ? { action } : {}), params },
  }
}
