import { InvalidOptionError } from '../errors.ts'

/**
 * Reads `--port` as given (a string, so a mistake is quoted as typed, not as `NaN`): an integer
 * from 0 to 65535, 0 picking a free port.
 */
export function parsePort(value: string, option = '--port'): number {
  const port = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN
  if (!Number.isInteger(port) || port > 65535) {
    throw new InvalidOptionError(option, `expected an integer from 0 to 65535, got "${value}"`)
  }
  return port
}
