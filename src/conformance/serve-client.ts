import { createInterface } from 'node:readline'
import { type ConformClient, scenarioMessageSchema } from './client-protocol.ts'

/**
 * The stdin/stdout side of the client protocol for TypeScript clients: reads one scenario per line
 * until EOF and prints one answer line each, so the same program serves both the
 * process-per-scenario and the persistent mode. A thrown error becomes `{"ok":false}` with code
 * `E_CLIENT_THREW`, never a silent exit.
 */
export async function serveClient(
  client: ConformClient,
  io: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream } = {},
): Promise<void> {
  const output = io.output ?? process.stdout
  for await (const line of createInterface({ input: io.input ?? process.stdin })) {
    if (!line.trim()) continue
    let answer: unknown
    try {
      answer = await client(scenarioMessageSchema.parse(JSON.parse(line)))
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      answer = { ok: false, error: { code: 'E_CLIENT_THREW', message } }
    }
    output.write(`${JSON.stringify(answer)}\n`)
  }
}
