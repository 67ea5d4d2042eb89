/** What the benchmark hands a server entry, as one JSON argument. */
export type ServerConfig = {
  port: number
  /** The fixed answer: the body `tapedeck serve` gave the benchmark call, and its content type. */
  body: string
  contentType: string
  /** A directory of fixtures (tapes, mappings) prepared for this server. */
  dir: string
  /** The repository root (replay loads the built package from `dist/`). */
  root: string
}

/** Reads the entry's configuration from `process.argv[2]`. */
export function readServerConfig(): ServerConfig {
  const raw = process.argv[2]
  if (!raw) throw new TypeError('Failed to start the bench server: pass its configuration as JSON')
  return JSON.parse(raw) as ServerConfig
}
