import { readFile } from 'node:fs/promises'
import type { Argv } from 'yargs'
import { operations, PROFILES } from '../catalog/index.ts'
import { InvalidOptionError } from '../errors.ts'
import { builtInRegistry, schemesInOrder } from '../protocols/index.ts'
import { renderBanner, startServer } from '../server/index.ts'
import { createDefaultState, FAULT_TARGETS, injectionSchema } from '../simulator/index.ts'
import { adminArguments } from './admin-arguments.ts'
import { parsePort } from './parse-port.ts'
import { prepareTls, tlsArguments } from './tls-arguments.ts'

/** `tapedeck serve`: the stateful, signature-checking simulator of every operation on one port. */
export function serveCommand(cli: Argv) {
  return cli.command(
    'serve',
    'Serve the stateful simulator of all six operations on one port',
    (y) =>
      adminArguments(tlsArguments(y))
        .option('port', {
          type: 'string',
          default: '8080',
          describe: 'Port to listen on (0 picks a free one)',
        })
        .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
        .option('seed', {
          type: 'string',
          describe: 'JSON state file to start from (validated at load)',
        })
        .option('auth', {
          choices: ['on', 'off'] as const,
          default: 'on' as const,
          describe: 'Check signatures',
        })
        .option('profile', {
          choices: PROFILES,
          default: 'live' as const,
          describe: 'Response-shape profile',
        })
        .option('quiet', { type: 'boolean', default: false, describe: 'No per-request log lines' })
        .option('rate-limit', {
          type: 'string',
          array: true,
          default: [] as string[],
          describe: `OPERATION=N calls/s per account (0 turns a limit off), e.g. ${operations.find((op) => op.rateLimit)?.id}=${operations.find((op) => op.rateLimit)?.rateLimit}`,
        })
        .option('fault', {
          type: 'string',
          array: true,
          default: [] as string[],
          describe:
            'OPERATION:key=value,… fault injection (latencyMs, throttleRate, errorRate, resetRate, hangRate; OPERATION may be *)',
        })
        .option('fault-seed', {
          type: 'number',
          describe: 'Seed of the fault-injection sequence (default 1)',
        })
        .option('window', {
          type: 'string',
          array: true,
          default: [] as string[],
          describe: `SCHEME=SECONDS allowed clock skew; SCHEME is one of ${schemesInOrder(
            builtInRegistry,
          )
            .map((p) => p.id)
            .join(', ')}`,
        }),
    async (argv) => {
      const port = parsePort(argv.port)
      const loaded = argv.seed === undefined ? undefined : await readSeed(argv.seed)
      const seed = withFaults(loaded, argv.fault, argv['fault-seed'])
      const rateLimits = readPairs(
        '--rate-limit',
        argv['rate-limit'],
        operations.map((op) => op.id),
      )
      const windows = readPairs(
        '--window',
        argv.window,
        schemesInOrder(builtInRegistry).map((protocol) => protocol.id),
      )
      const adminToken = argv['admin-token'] ?? process.env['TAPEDECK_ADMIN_TOKEN']
      const tls = await prepareTls(argv, argv.host)
      const server = await startServer({
        port,
        host: argv.host,
        auth: argv.auth,
        profile: argv.profile,
        rateLimits,
        windows,
        allowedHosts: argv['allowed-host'],
        ...(adminToken ? { adminToken } : {}),
        ...(seed === undefined ? {} : { seed }),
        ...(argv.seed === undefined ? {} : { seedSource: argv.seed }),
        ...(argv.quiet ? {} : { log: (line: string) => console.log(line) }),
        ...(tls ? { tls: tls.tls } : {}),
      })
      const trust = await tls?.announce(server.port).catch(async (error: unknown) => {
        await server.close()
        throw error
      })
      console.log(
        renderBanner({
          url: server.url,
          auth: argv.auth,
          profile: argv.profile,
          seedSource: argv.seed,
          adminToken: Boolean(adminToken),
          rateLimits,
          faults: server.simulator.faultInjection(),
          ...(trust ? { tls: trust } : {}),
        }),
      )
      const stop = (signal: string) => {
        console.log(`\n${signal}: closing ${server.url}`)
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        )
      }
      process.once('SIGINT', () => stop('SIGINT'))
      process.once('SIGTERM', () => stop('SIGTERM'))
    },
  )
}

async function readSeed(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new InvalidOptionError('--seed', `cannot read "${file}": ${(error as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new InvalidOptionError('--seed', `"${file}" is not JSON: ${(error as Error).message}`)
  }
}

/** Reads repeated `NAME=NUMBER` options, refusing unknown names and non-numbers with the valid choices. */
function readPairs(
  option: string,
  values: readonly string[],
  names: readonly string[],
): Record<string, number> {
  const out: Record<string, number> = {}
  for (const value of values) {
    const [name, raw] = value.split('=')
    const number = Number(raw)
    if (!name || !names.includes(name)) {
      throw new InvalidOptionError(
        option,
        `unknown name in "${value}"; use one of ${names.join(', ')}`,
      )
    }
    if (raw === undefined || !Number.isFinite(number) || number < 0) {
      throw new InvalidOptionError(option, `"${value}" needs a non-negative number after "="`)
    }
    out[name] = number
  }
  return out
}

const INJECTION_KEYS = ['latencyMs', 'throttleRate', 'errorRate', 'resetRate', 'hangRate']

/** Adds `--fault` rules to the starting state (validated with the state when the server starts). */
function withFaults(
  seed: unknown,
  rules: readonly string[],
  faultSeed: number | undefined,
): unknown {
  if (rules.length === 0 && faultSeed === undefined) return seed
  const base = (seed ?? createDefaultState()) as {
    faultInjection?: { seed?: number; operations?: Record<string, unknown> }
  }
  const injection = {
    seed: faultSeed ?? base.faultInjection?.seed ?? 1,
    operations: { ...base.faultInjection?.operations },
  }
  for (const rule of rules) {
    const colon = rule.indexOf(':')
    const operation = rule.slice(0, colon)
    if (colon === -1 || !FAULT_TARGETS.includes(operation)) {
      throw new InvalidOptionError(
        '--fault',
        `"${rule}" must start with one of ${FAULT_TARGETS.join(', ')} and ":"`,
      )
    }
    const settings: Record<string, number> = {}
    for (const pair of rule.slice(colon + 1).split(',')) {
      const [key, raw] = pair.split('=')
      if (
        !key ||
        !INJECTION_KEYS.includes(key) ||
        raw === undefined ||
        !Number.isFinite(Number(raw))
      ) {
        throw new InvalidOptionError(
          '--fault',
          `"${pair}" must be one of ${INJECTION_KEYS.join(', ')} "=" a number`,
        )
      }
      settings[key] = Number(raw)
    }
    // Checked here so a bad value blames --fault, not the state it is merged into.
    const checked = injectionSchema.safeParse(settings)
    if (!checked.success) {
      const issue = checked.error.issues[0]!
      throw new InvalidOptionError(
        '--fault',
        `"${rule}": ${issue.path.join('.')}: ${issue.message}`,
      )
    }
    injection.operations[operation] = checked.data
  }
  return { ...base, faultInjection: injection }
}
