import { InvalidOptionError } from '../errors.ts'

const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** Reads a duration such as `30d`, `12h` or `90s` into milliseconds (`--max-age`). */
export function parseDuration(text: string, option = '--max-age'): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim())
  if (!match)
    throw new InvalidOptionError(
      option,
      `expected a number and a unit (ms, s, m, h, d), e.g. 30d; got "${text}"`,
    )
  return Number(match[1]) * UNITS[match[2] as keyof typeof UNITS]
}
