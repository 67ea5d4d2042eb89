import { z } from 'zod'
import { PROFILES, type Profile } from '../catalog/index.ts'
import { InvalidStateError } from '../errors.ts'
import type { WireRequest, WireResponse } from '../protocols/index.ts'
import type { Simulator } from '../simulator/index.ts'
import type { Journal } from './create-journal.ts'
import { handleProviderState, listProviderStates } from './handle-provider-state.ts'
import { maskCredentials, unmaskCredentials } from './mask-credentials.ts'

/** Every admin route lives under this prefix, out of the way of the vendor paths. */
export const ADMIN_PREFIX = '/__tapedeck/'

const json = (status: number, value: unknown): WireResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
})

/** Every admin route as `METHOD name`, under `ADMIN_PREFIX` (`GET ` is the inspector page). */
export const ADMIN_ROUTES = [
  'GET ',
  'GET health',
  'GET state',
  'PUT state',
  'POST reset',
  'GET requests',
  'DELETE requests',
  'GET requests/{id}',
  'GET events',
  'GET coverage',
  'GET config',
  'PUT config',
  'GET faults',
  'PUT faults',
  'DELETE faults',
  'GET provider-states',
  'POST provider-states',
  'DELETE provider-states',
] as const

/** Settings a client may change at run time (the Pact provider state "the response profile is …"). */
export type RuntimeConfig = { profile: Profile }
const configSchema = z.strictObject({ profile: z.enum(PROFILES) })

/**
 * The admin API: `GET health`, `GET|PUT state`, `POST reset`, `GET|DELETE requests`, `GET|PUT config`,
 * `GET|PUT|DELETE faults`, `GET|POST|DELETE provider-states` (Pact's state-change URL).
 * `PUT state` is validated as a whole before anything changes; an invalid document answers 400 naming each path.
 */
export function handleAdmin(
  request: WireRequest,
  simulator: Simulator,
  journal: Journal,
  config: RuntimeConfig,
): WireResponse {
  const route = `${request.method} ${request.path.slice(ADMIN_PREFIX.length)}`
  switch (route) {
    case 'GET health':
      return json(200, { status: 'ok' })
    case 'GET state':
      // Secrets only when asked for: a page or a log of this answer never holds them.
      return json(
        200,
        new URLSearchParams(request.query).get('secrets') === '1'
          ? simulator.getState()
          : maskCredentials(simulator.getState()),
      )
    case 'PUT state':
      return putState(request, simulator)
    case 'POST reset':
      simulator.reset()
      return json(200, { status: 'reset' })
    case 'GET requests':
      return json(200, journal.list())
    case 'DELETE requests':
      journal.clear()
      return json(200, { status: 'cleared' })
    case 'GET config':
      return json(200, config)
    case 'GET faults':
      return json(200, simulator.faultInjection() ?? null)
    case 'PUT faults':
      return putFaults(request, simulator)
    case 'DELETE faults':
      simulator.setFaultInjection(undefined)
      return json(200, { status: 'cleared' })
    case 'PUT config':
      return putConfig(request, config)
    case 'GET provider-states':
      return json(200, { states: listProviderStates() })
    case 'POST provider-states':
    case 'DELETE provider-states':
      return handleProviderState(request, simulator, config)
    default:
      return json(404, {
        code: 'E_ADMIN_ROUTE',
        message: `Failed to find admin route "${route}": use one of ${renderAdminRoutes(ADMIN_ROUTES)}`,
      })
  }
}

/** Routes as a user types them: `GET /__tapedeck/ (the inspector page), GET /__tapedeck/health, …`. */
export function renderAdminRoutes(routes: readonly string[]): string {
  return routes
    .map((route) => {
      const [method, name] = route.split(' ')
      return `${method} ${ADMIN_PREFIX}${name}${name ? '' : ' (the inspector page)'}`
    })
    .join(', ')
}

function putState(request: WireRequest, simulator: Simulator): WireResponse {
  let document: unknown
  try {
    document = JSON.parse(request.body.toString('utf8'))
  } catch (error) {
    return json(400, {
      code: 'E_INVALID_STATE',
      message: `Failed to parse state: ${(error as Error).message}`,
    })
  }
  const unmasked = unmaskCredentials(document, simulator.getState())
  if (unmasked.issues.length > 0)
    return json(400, {
      code: 'E_INVALID_STATE',
      message: `Failed to replace state: ${unmasked.issues.join('; ')}`,
      issues: unmasked.issues,
    })
  try {
    simulator.putState(unmasked.document)
    return json(200, { status: 'replaced' })
  } catch (error) {
    if (error instanceof InvalidStateError)
      return json(400, { code: error.code, message: error.message, issues: error.issues })
    throw error
  }
}

function putConfig(request: WireRequest, config: RuntimeConfig): WireResponse {
  let parsed: ReturnType<typeof configSchema.safeParse>
  try {
    parsed = configSchema.safeParse(JSON.parse(request.body.toString('utf8')))
  } catch (error) {
    return json(400, {
      code: 'E_INVALID_CONFIG',
      message: `Failed to parse config: ${(error as Error).message}`,
    })
  }
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    )
    return json(400, {
      code: 'E_INVALID_CONFIG',
      message: `Failed to apply config: ${issues.join('; ')}`,
      issues,
    })
  }
  config.profile = parsed.data.profile
  return json(200, config)
}

function putFaults(request: WireRequest, simulator: Simulator): WireResponse {
  try {
    simulator.setFaultInjection(JSON.parse(request.body.toString('utf8')))
    return json(200, simulator.faultInjection())
  } catch (error) {
    if (error instanceof InvalidStateError)
      return json(400, { code: error.code, message: error.message, issues: error.issues })
    return json(400, {
      code: 'E_INVALID_STATE',
      message: `Failed to parse faults: ${(error as Error).message}`,
    })
  }
}
