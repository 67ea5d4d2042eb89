/**
 * Request times against the server clock. Alibaba and Huawei send ISO-like dates (`Timestamp`,
 * `x-acs-date`, `X-Sdk-Date`), Tencent UNIX seconds (`Timestamp`, `X-TC-Timestamp`); every fault
 * shows the server time in the client's own format, so the message says how far off it is.
 */
import { type Fault, fault } from '../catalog/index.ts'
import type { AuthContext } from './protocol.ts'

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
function parseIsoTimestamp(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}

/** Reads a required ISO timestamp as epoch ms: MissingTimestamp when absent, InvalidTimestamp when malformed. */
export function readIsoTimestamp(value: string | undefined): number | Fault {
  if (!value) return fault('MissingTimestamp')
  return (
    parseIsoTimestamp(value) ??
    fault('InvalidTimestamp', {
      value,
      reason: `"${value}" is not a UTC time like 2017-10-10T12:02:54Z`,
    })
  )
}

/** Parses a UNIX time in whole seconds; undefined for anything else. */
function parseUnixSeconds(value: string): number | undefined {
  if (!/^\d{1,12}$/.test(value)) return undefined
  return Number(value)
}

/** Reads a required UNIX time in seconds: MissingTimestamp when absent, InvalidTimestamp when malformed. */
export function readUnixTimestamp(value: string | undefined): number | Fault {
  if (!value) return fault('MissingTimestamp')
  const seconds = parseUnixSeconds(value)
  if (seconds === undefined)
    return fault('InvalidTimestamp', { value, reason: `"${value}" is not a UNIX time in seconds` })
  return seconds
}

/** `checkClock` for UNIX-seconds schemes: the fault shows the server time in seconds too. */
export function checkUnixClock(
  seconds: number,
  shown: string,
  ctx: Pick<AuthContext, 'now' | 'windowSeconds'>,
): Fault | undefined {
  const nowMs = ctx.now()
  const late = checkClock(seconds * 1000, nowMs, ctx.windowSeconds, shown)
  return late && { ...late, now: String(Math.floor(nowMs / 1000)) }
}
