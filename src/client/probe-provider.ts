import { InvalidOptionError, UnreachableError } from '../errors.ts'

/** How long a provider may take to answer the first request before verification gives up on it. */
const PROBE_TIMEOUT_MS = 1500

/**
 * Checks that the provider answers at all (a dead port fails here, in well under 2 s, rather than
 * once per interaction), and whether it is a tapedeck server, whose provider states can be set.
 * A tapedeck server that wants an admin token nobody gave, or refuses the one given, is an error:
 * its stateful interactions could not run.
 */
export async function probeProvider(url: string, adminToken?: string): Promise<boolean> {
  let response: Response
  try {
    response = await fetch(`${url}/__tapedeck/health`, {
      headers: adminToken ? { authorization: `Bearer ${adminToken}` } : {},
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    })
  } catch (error) {
    throw new UnreachableError('the provider', url, error, 'start it or fix --provider-url')
  }
  const text = await response.text()
  let body: { status?: unknown; code?: unknown } = {}
  try {
    body = JSON.parse(text) as typeof body
  } catch {
    // not tapedeck: a vendor answers its own way
  }
  if (response.status === 401 && body.code === 'E_ADMIN_TOKEN')
    throw new InvalidOptionError(
      '--admin-token',
      adminToken
        ? `the tapedeck provider "${url}" refused the admin token given; give the one it was started with`
        : `the tapedeck provider "${url}" requires its admin token to set provider states; give --admin-token or TAPEDECK_ADMIN_TOKEN`,
    )
  return response.ok && body.status === 'ok'
}
