/**
 * Errors thrown for misuse and bad configuration. Expected outcomes of a request (a vendor error, a
 * miss) are values, never throws. Each error has a stable `code` a caller or the CLI can key on.
 */
export class TapedeckError extends Error {
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'TapedeckError'
    this.code = code
  }
}

/** A state or seed document that does not match the state schema; `issues` name each JSON path. */
export class InvalidStateError extends TapedeckError {
  readonly issues: readonly string[]

  constructor(source: string, issues: readonly string[]) {
    super(
      'E_INVALID_STATE',
      `Failed to load state "${source}": ${issues.length} problem(s)\n  ${issues.join('\n  ')}`,
    )
    this.name = 'InvalidStateError'
    this.issues = issues
  }
}

/** An option value that cannot work (a bad port, an unknown profile, a missing file). */
export class InvalidOptionError extends TapedeckError {
  constructor(option: string, reason: string) {
    super('E_INVALID_OPTION', `Failed to use option "${option}": ${reason}`)
    this.name = 'InvalidOptionError'
  }
}

/** Why a bind fails, in words a user can act on, by the system's error code. */
const LISTEN_REASONS: Record<string, string> = {
  EADDRINUSE:
    'the port is already in use (EADDRINUSE); stop what holds it or pick another port (0 picks a free one)',
  EADDRNOTAVAIL:
    "the address is not one of this machine's (EADDRNOTAVAIL); use 127.0.0.1, 0.0.0.0 or an address of this machine",
  EACCES: 'not permitted to bind it (EACCES); pick a port above 1023',
}

/** A server that cannot bind its address and port; `cause` is the system error. */
export class ListenError extends TapedeckError {
  constructor(host: string, port: number, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? ''
    const reason = LISTEN_REASONS[code] ?? (cause instanceof Error ? cause.message : String(cause))
    const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
    super('E_LISTEN', `Failed to listen on "${address}": ${reason}`, { cause })
    this.name = 'ListenError'
  }
}

/** Why a connection failed, in words a user can act on, by the system's error code. */
const CONNECT_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (ECONNREFUSED): nothing listens there',
  ENOTFOUND: 'the host name does not resolve (ENOTFOUND)',
  EAI_AGAIN: 'the host name does not resolve (EAI_AGAIN)',
  ECONNRESET: 'the connection was reset (ECONNRESET)',
  EHOSTUNREACH: 'the host is unreachable (EHOSTUNREACH)',
  TimeoutError: 'no answer within the time allowed',
}

/** A server (the provider under verification, a Pact Broker) that cannot be reached at all. */
export class UnreachableError extends TapedeckError {
  constructor(what: string, url: string, cause: unknown, advice: string) {
    // fetch wraps the system error as its cause ("fetch failed": ECONNREFUSED, "bad port", …).
    const error = cause as
      | (Error & { code?: string; cause?: { code?: string; message?: string } })
      | undefined
    const code = error?.cause?.code ?? error?.code ?? error?.name ?? ''
    const reason = CONNECT_REASONS[code] ?? error?.cause?.message ?? error?.message ?? String(cause)
    super('E_UNREACHABLE', `Failed to reach ${what} "${url}": ${reason}; ${advice}`, { cause })
    this.name = 'UnreachableError'
  }
}

/** A Pact Broker that answered, but not with what the documented API promises. */
export class BrokerError extends TapedeckError {
  constructor(action: string, url: string, reason: string) {
    super('E_BROKER', `Failed to ${action} "${url}": ${reason}`)
    this.name = 'BrokerError'
  }
}

/** An optional peer dependency a command needs and that is not installed. */
export class MissingDependencyError extends TapedeckError {
  constructor(command: string, name: string, cause?: unknown) {
    super(
      'E_MISSING_DEPENDENCY',
      `Failed to run "tapedeck ${command}": it needs ${name}, an optional peer dependency that is not installed; run "npm install --save-dev ${name}"`,
      { cause },
    )
    this.name = 'MissingDependencyError'
  }
}
