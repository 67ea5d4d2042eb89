import { MissingDependencyError } from '../errors.ts'

/** The optional peer dependency the contract commands need. */
const PACT = '@pact-foundation/pact'

/**
 * Loads the pact folder, which imports `@pact-foundation/pact`: an optional peer dependency, so only
 * `contracts` and `verify` load it, and a missing one is one line on how to install it (exit 2).
 */
export async function loadPact(command: string) {
  try {
    return await import('../pact/index.ts')
  } catch (error) {
    const { code, message } = (error ?? {}) as { code?: string; message?: string }
    if (
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      (message ?? '').includes(`'${PACT}`)
    )
      throw new MissingDependencyError(command, PACT, error)
    throw error
  }
}
