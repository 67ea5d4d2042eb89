import { type Fault, fault } from '../catalog/index.ts'

/** Formats epoch milliseconds as `YYYY-MM-DDThh:mm:ssZ` (Alibaba `Timestamp`, `x-acs-date`). */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`
}

/**
 * Checks a request time against the server clock: a fault when it is outside `windowSeconds` either
 * way, with both times in the detail so the message says how far off the client is.
 */
export function checkClock(
  requestMs: number,
  nowMs: number,
  windowSeconds: number,
  shown: string,
): Fault | undefined {
  if (Math.abs(nowMs - requestMs) <= windowSeconds * 1000) return undefined
  return fault('TimestampExpired', { value: shown, now: isoSeconds(nowMs) })
}

/** Parses `YYYY-MM-DDThh:mm:ss[.sss]Z`; undefined when malformed. */
export function parseIsoTimestamp(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}
