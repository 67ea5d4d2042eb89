import { z } from 'zod'
import { type CredentialSet, credentialsToEnv, testCredentials } from '../client/index.ts'
import { builtInRegistry, findProtocol, type Registry } from '../protocols/index.ts'

/**
 * The conformance client protocol: what the runner writes to a client (one scenario message, one
 * JSON line) and what the client answers (one JSON line). Language-agnostic by design: any program
 * that reads a line of JSON and prints a line of JSON can be checked.
 */

/** Credentials the client must sign with (a scenario may hand out a wrong secret on purpose). */
const messageCredentialsSchema = z.object({
  keyId: z.string(),
  secret: z.string().optional(),
  /** A project id, for schemes whose credentials carry one. */
  project: z.string().optional(),
})

/** One scenario as the client receives it on stdin. */
export const scenarioMessageSchema = z.object({
  /** Scenario id, `<operation id>/<slug>`. */
  id: z.string(),
  /** Operation id, e.g. `alibaba-vod.UpdateImageInfos`. */
  operation: z.string(),
  provider: z.string(),
  /** The wire scheme's id (`WireProtocol.id`). */
  protocol: z.string(),
  /** The action on the wire, e.g. `UpdateImageInfos`. */
  action: z.string(),
  version: z.string().optional(),
  /** Business parameters, exactly as they must arrive (`UpdateContent` is already a JSON string). */
  params: z.record(z.string(), z.unknown()),
  /** The response format to ask for, where the scheme offers more than JSON. */
  format: z.enum(['json', 'xml']),
  /** The reference client's signing variant; other clients may sign any way the scheme accepts. */
  variant: z.string(),
  /** Path values of a REST operation (`project_id`, `instance_name`). */
  pathParams: z.record(z.string(), z.string()).optional(),
  /** Base URL of the server, also in `TAPEDECK_ENDPOINT`. */
  endpoint: z.string(),
  credentials: messageCredentialsSchema,
})
export type ScenarioMessage = z.infer<typeof scenarioMessageSchema>

const code = z.union([z.string(), z.number()]).transform(String)

/**
 * A client's answer: the result fields (lists as plain arrays, RequestId optional), the vendor's
 * error code and message, or a declaration that this client cannot express the scenario.
 */
export const clientAnswerSchema = z.union([
  z.object({ ok: z.literal(true), result: z.record(z.string(), z.unknown()) }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code, message: z.string().default('') }),
  }),
  z.object({ notApplicable: z.string().min(1) }),
])
export type ClientAnswer = z.infer<typeof clientAnswerSchema>

/** An answer as a client writes it (a vendor's code may be a number). */
export type ClientAnswerInput = z.input<typeof clientAnswerSchema>

/** A client in process: one scenario in, one answer out (the runner validates the answer anyway). */
export type ConformClient = (message: ScenarioMessage) => Promise<ClientAnswerInput>

/** Reads one answer line; undefined when the line is not a valid answer (logging noise). */
export function parseClientAnswer(line: string): ClientAnswer | undefined {
  const text = line.trim()
  if (!text.startsWith('{')) return undefined
  try {
    const parsed = clientAnswerSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    // Not JSON: a client's log line on stdout, skipped like any other noise.
    return undefined
  }
}

/**
 * The environment a client process gets: `TAPEDECK_ENDPOINT` and every provider's credentials. In
 * process mode the scenario's own credentials (a wrong secret, for the `wrong-secret` scenarios)
 * replace its scheme's; a persistent process keeps the environment it started with, so it must
 * sign with the message's `credentials`.
 */
export function clientEnv(
  message: ScenarioMessage,
  mode: 'process' | 'persistent' = 'process',
  registry: Registry = builtInRegistry,
  defaults: CredentialSet = testCredentials(),
): Record<string, string> {
  const kind = findProtocol(message.protocol, registry)?.credentialKind
  const { keyId, secret, project } = message.credentials
  const own = {
    keyId,
    ...(secret === undefined ? {} : { secret }),
    ...(project ? { project } : {}),
  }
  const credentials =
    kind !== undefined && mode === 'process' ? { ...defaults, [kind]: own } : defaults
  return { TAPEDECK_ENDPOINT: message.endpoint, ...credentialsToEnv(credentials, registry) }
}
