import { readFileSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Verifier } from '@pact-foundation/pact'
import { probeProvider } from '../client/index.ts'
import { InvalidOptionError } from '../errors.ts'
import type { CredentialKind, Registry, SigningCredentials } from '../protocols/index.ts'
import {
  type BrokerOptions,
  fetchPact,
  fetchPactsForVerification,
  publishResult,
} from './broker-client.ts'
import { judgeOutcome, type PactResponse } from './judge-outcome.ts'
import { PROFILE_STATE, type StateFailure, tapedeckStateHandlers } from './provider-states.ts'
import { readMismatches } from './read-mismatches.ts'
import { createResignFilter, type Exchange } from './resign-filter.ts'

export type { BrokerOptions } from './broker-client.ts'

export type VerifyOptions = {
  providerUrl: string
  /** Folder of Pact files (default `contracts`); not read when pact URLs or a broker are given. */
  contractsDir?: string
  /** Pact files or URLs (a Broker webhook's `${pactbroker.pactUrl}`), instead of the folder. */
  pactUrls?: string[]
  /** Only this provider's pacts (`alibaba-vod`, `tencent-cvm`, …); a broker needs it. */
  provider?: string
  /** Signing credentials; never written anywhere. */
  credentials: Partial<Record<CredentialKind, SigningCredentials>>
  /** The schemes requests are re-signed and answers judged with; the built-in ones by default. */
  registry?: Registry
  /** The tapedeck provider's admin token, to set provider states (never printed). */
  adminToken?: string
  broker?: BrokerOptions
  /** Pact's own log level (`error` unless told). */
  logLevel?: 'error' | 'warn' | 'info' | 'debug' | 'trace'
  /** Called once the interactions are known, with how many there are. */
  onStart?: (total: number) => void
  /** Called as each interaction completes. */
  onResult?: (result: InteractionResult, index: number, total: number) => void
}

export type Mismatch = { path?: string; expected?: string; actual?: string; message: string }

export type InteractionResult = {
  provider: string
  consumer: string
  description: string
  status: 'passed' | 'failed' | 'skipped'
  /** From a pending pact (the Broker's pending or WIP pacts): a failure does not fail the run. */
  pending: boolean
  reason?: string
  mismatches: Mismatch[]
  ms: number
}

export type VerifyReport = {
  tapedeck: boolean
  results: InteractionResult[]
  passed: number
  /** Failures that count: pending pacts' failures are in `pendingFailed`. */
  failed: number
  pendingFailed: number
  skipped: number
  /** Where verification results were published. */
  published: string[]
}

type Interaction = {
  description: string
  type?: string
  providerStates?: { name: string; params?: Record<string, unknown> }[]
  response?: PactResponse
}
type PactFile = {
  consumer: { name: string }
  provider: { name: string }
  interactions: Interaction[]
  _links?: unknown
}
type Source = { pact: PactFile; pending: boolean; publishable: boolean }

/**
 * Verifies a provider (a tapedeck server, a replay server, or the live vendor) against pacts from a
 * folder, from URLs, or from a Pact Broker, one interaction at a time. Every request is re-signed
 * for the provider. On a tapedeck provider the states are set through its provider-state endpoint;
 * on any other, interactions that need a state nobody can set there are skipped, not passed. An
 * answer its scheme reads as a vendor error never passes a success interaction (nor a success an
 * error one), whatever Pact's matching says. With a broker and `publish`, each pact's result is
 * published (a success only when every interaction passed).
 */
export async function verifyProvider(options: VerifyOptions): Promise<VerifyReport> {
  process.env['PACT_DO_NOT_TRACK'] ??= 'true'
  const url = options.providerUrl.replace(/\/$/, '')
  const tapedeck = await probeProvider(url, options.adminToken)
  const sources = await loadSources(options)
  const plan = sources.flatMap((source) =>
    source.pact.interactions
      .filter((i) => i.type === undefined || i.type === 'Synchronous/HTTP')
      .map((interaction) => ({ source, interaction })),
  )
  options.onStart?.(plan.length)
  const results: InteractionResult[] = []
  const scratch = await mkdtemp(join(tmpdir(), 'tapedeck-verify-'))
  try {
    for (const [index, { source, interaction }] of plan.entries()) {
      const result =
        tapedeck || liveSettable(interaction)
          ? await verifyInteraction(url, tapedeck, source, interaction, scratch, options)
          : skip(source, interaction)
      results.push(result)
      options.onResult?.(result, index, plan.length)
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
  const published = await publish(sources, results, options)
  const count = (test: (r: InteractionResult) => boolean) => results.filter(test).length
  return {
    tapedeck,
    results,
    passed: count((r) => r.status === 'passed'),
    failed: count((r) => r.status === 'failed' && !r.pending),
    pendingFailed: count((r) => r.status === 'failed' && r.pending),
    skipped: count((r) => r.status === 'skipped'),
    published,
  }
}

async function verifyInteraction(
  url: string,
  tapedeck: boolean,
  source: Source,
  interaction: Interaction,
  scratch: string,
  options: VerifyOptions,
): Promise<InteractionResult> {
  const started = performance.now()
  const names = (interaction.providerStates ?? []).map((s) => s.name)
  const failures: StateFailure[] = []
  const exchanges: Exchange[] = []
  const file = join(scratch, 'interaction.json')
  await writeFile(file, JSON.stringify({ ...source.pact, interactions: [interaction] }))
  // No provider name: with one, pact-core adds a broker source of its own whenever
  // PACT_BROKER_BASE_URL is set, and the pacts come only from the file here.
  const verifier = new Verifier({
    providerBaseUrl: url,
    logLevel: options.logLevel ?? 'error',
    stateHandlers: tapedeck
      ? tapedeckStateHandlers(url, names, failures, options.adminToken)
      : Object.fromEntries(names.map((name) => [name, async () => undefined])),
    requestFilter: createResignFilter(
      url,
      options.credentials,
      (e) => exchanges.push(e),
      options.registry,
    ) as never,
    pactUrls: [file],
  })
  let pactMismatches: Mismatch[] = []
  try {
    await verifier.verifyProvider()
  } catch (error) {
    const found = readMismatches(error instanceof Error ? error.message : String(error), [
      interaction,
    ])
    pactMismatches = [...found.values()].flat()
  }
  const exchange = exchanges.at(-1)
  const judged =
    exchange && interaction.response
      ? judgeOutcome(exchange.request, exchange.response, interaction.response, options.registry)
      : undefined
  const mismatches = [
    ...failures.map((f) => ({ message: `provider state "${f.state}" failed: ${f.error}` })),
    ...pactMismatches,
    // A different error code that Pact already reported needs no second line.
    ...(judged && (pactMismatches.length === 0 || !judged.sameKind)
      ? [
          {
            path: judged.path!,
            expected: judged.expected!,
            actual: judged.actual!,
            message:
              pactMismatches.length === 0
                ? `${judged.message} (Pact's matching alone would have passed it)`
                : judged.message,
          },
        ]
      : []),
  ]
  return {
    provider: source.pact.provider.name,
    consumer: source.pact.consumer.name,
    description: interaction.description,
    status: mismatches.length > 0 ? 'failed' : 'passed',
    pending: source.pending,
    mismatches,
    ms: Math.round(performance.now() - started),
  }
}

function skip(source: Source, interaction: Interaction): InteractionResult {
  const states = (interaction.providerStates ?? [])
    .map((s) => s.name)
    .filter((s) => s !== PROFILE_STATE('live'))
  return {
    provider: source.pact.provider.name,
    consumer: source.pact.consumer.name,
    description: interaction.description,
    status: 'skipped',
    pending: source.pending,
    reason: `needs provider state "${states.join('", "')}", which cannot be set on a non-tapedeck provider`,
    mismatches: [],
    ms: 0,
  }
}

/** The pacts to verify: from the broker, from the URLs given, or from the folder. */
async function loadSources(options: VerifyOptions): Promise<Source[]> {
  const wanted = (pact: PactFile) => !options.provider || pact.provider.name === options.provider
  if (options.broker && !options.pactUrls?.length) {
    if (!options.provider)
      throw new InvalidOptionError('--provider', 'a broker needs the provider name')
    const pacts = await fetchPactsForVerification(options.broker, options.provider)
    return pacts.map((p) => ({
      pact: asPact(p.content, p.url),
      pending: p.pending,
      publishable: true,
    }))
  }
  if (options.pactUrls?.length) {
    const out: Source[] = []
    for (const location of options.pactUrls) {
      const remote = /^https?:\/\//.test(location)
      const content = remote
        ? await fetchPact(options.broker ?? {}, location)
        : JSON.parse(await readFile(location, 'utf8'))
      const pact = asPact(content, location)
      if (wanted(pact)) out.push({ pact, pending: false, publishable: remote })
    }
    return out
  }
  const dir = options.contractsDir ?? 'contracts'
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort()
  const out: Source[] = []
  for (const file of files) {
    const pact = asPact(JSON.parse(await readFile(join(dir, file), 'utf8')), join(dir, file))
    if (wanted(pact)) out.push({ pact, pending: false, publishable: false })
  }
  return out
}

function asPact(content: unknown, where: string): PactFile {
  const pact = content as Partial<PactFile> | undefined
  if (!pact?.provider?.name || !pact.consumer?.name || !Array.isArray(pact.interactions))
    throw new InvalidOptionError(
      where,
      'not a Pact file (it needs consumer.name, provider.name and interactions)',
    )
  return pact as PactFile
}

async function publish(
  sources: Source[],
  results: InteractionResult[],
  options: VerifyOptions,
): Promise<string[]> {
  const broker = options.broker
  if (!broker?.publish) return []
  const published: string[] = []
  let offset = 0
  for (const source of sources) {
    const count = source.pact.interactions.filter(
      (i) => i.type === undefined || i.type === 'Synchronous/HTTP',
    ).length
    const own = results.slice(offset, offset + count)
    offset += count
    if (!source.publishable) continue
    published.push(
      await publishResult(broker, source.pact as never, {
        // A skipped interaction was not verified: the pact is not, either.
        success: own.every((r) => r.status === 'passed'),
        verifiedBy: { implementation: 'tapedeck', version: VERSION },
        testResults: own.map((r) => ({
          interactionDescription: r.description,
          success: r.status === 'passed',
          ...(r.mismatches.length > 0 ? { mismatches: r.mismatches } : {}),
        })),
      }),
    )
  }
  return published
}

/** tapedeck's own version, for `verifiedBy` (the package file sits two folders up from src/, dist/ and the bundle alike). */
const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
).version

function liveSettable(interaction: Interaction): boolean {
  return (interaction.providerStates ?? []).every((state) => state.name === PROFILE_STATE('live'))
}
