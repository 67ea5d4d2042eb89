import { InvalidOptionError } from '../errors.ts'

/** Returns `value` when it is an absolute http(s) URL; refuses anything else as a usage error. */
export function assertHttpUrl(option: string, value: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new InvalidOptionError(
      option,
      `expected an http(s) URL such as http://127.0.0.1:8080, got "${value}"`,
    )
  }
  return value
}
