import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Verifier } from '@pact-foundation/pact'
import type { CredentialKind, SigningCredentials } from '../protocols/index.ts'
import { PROFILE_STATE, type StateFailure, tapedeckStateHandlers } from './provider-states.ts'
import { createResignFilter } from './resign-filter.ts'

export type BrokerOptions = {
  url: string
  token?: string
  providerVersion?: string
  providerBranch?: string
  publish?: boolean
  consumerVersionSelectors?: Record<string, unknown>[]
}

export type VerifyOptions = {
  providerUrl: string
  /** Folder of Pact files (default `contracts`); ignored when a broker is given. */
  contractsDir?: string
  /** Only this provider's contract (`alibaba-vod`, `tencent-cvm`, …). */
  provider?: string
  /** Signing credentials; never written anywhere. */
  credentials: Partial<Record<CredentialKind, SigningCredentials>>
  broker?: BrokerOptions
}

export type Mismatch = { path?: string; expected?: string; actual?: string; message: string }

export type InteractionResult = {
  provider: string
  description: string
  status: 'passed' | 'failed' | 'skipped'
  reason?: string
  mismatches: Mismatch[]
}

export type VerifyReport = {
  tapedeck: boolean
  results: InteractionResult[]
  passed: number
  failed: number
  skipped: number
}

type PactFile = {
  provider: { name: string }
  interactions: { description: string; providerStates?: { name: string }[] }[]
}

/**
 * Verifies a provider (a tapedeck server, a replay server, or the live vendor) against the contracts.
 * Every request is re-signed for the provider. On a tapedeck provider the states are set through the
 * admin API; on any other, interactions that need a state nobody can set there are skipped, not passed.
 */
export async function verifyProvider(options: VerifyOptions): Promise<VerifyReport> {
  process.env['PACT_DO_NOT_TRACK'] ??= 'true'
  const url = options.providerUrl.replace(/\/$/, '')
  const tapedeck = await isTapedeck(url)
  const results: InteractionResult[] = []
  const scratch = await mkdtemp(join(tmpdir(), 'tapedeck-verify-'))
  try {
    for (const file of await pactFiles(options)) {
      const pact = JSON.parse(await readFile(file, 'utf8')) as PactFile
      const provider = pact.provider.name
      const runnable = tapedeck
        ? pact.interactions
        : pact.interactions.filter((i) => liveSettable(i.providerStates))
      for (const interaction of pact.interactions.filter((i) => !runnable.includes(i))) {
        const states = (interaction.providerStates ?? [])
          .map((s) => s.name)
          .filter((s) => s !== PROFILE_STATE('live'))
        results.push({
          provider,
          description: interaction.description,
          status: 'skipped',
          reason: `needs provider state "${states.join('", "')}", which cannot be set on a non-tapedeck provider`,
          mismatches: [],
        })
      }
      if (runnable.length === 0) continue
      const filtered = join(scratch, `${provider}.json`)
      await writeFile(filtered, JSON.stringify({ ...pact, interactions: runnable }))
      results.push(...(await verifyFile(url, tapedeck, filtered, provider, runnable, options)))
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
  const count = (status: InteractionResult['status']) =>
    results.filter((r) => r.status === status).length
  return {
    tapedeck,
    results,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
  }
}

async function verifyFile(
  url: string,
  tapedeck: boolean,
  file: string,
  provider: string,
  interactions: PactFile['interactions'],
  options: VerifyOptions,
): Promise<InteractionResult[]> {
  const failures: StateFailure[] = []
  const names = [
    ...new Set(interactions.flatMap((i) => (i.providerStates ?? []).map((s) => s.name))),
  ]
  const stateHandlers = tapedeck
    ? tapedeckStateHandlers(url, names, failures)
    : { [PROFILE_STATE('live')]: async () => undefined }
  const broker = options.broker
  const verifier = new Verifier({
    provider,
    providerBaseUrl: url,
    logLevel: 'error',
    stateHandlers,
    requestFilter: createResignFilter(url, options.credentials) as never,
    ...(broker
      ? {
          pactBrokerUrl: broker.url,
          ...(broker.token ? { pactBrokerToken: broker.token } : {}),
          ...(broker.providerVersion ? { providerVersion: broker.providerVersion } : {}),
          ...(broker.providerBranch ? { providerVersionBranch: broker.providerBranch } : {}),
          ...(broker.consumerVersionSelectors
            ? { consumerVersionSelectors: broker.consumerVersionSelectors as never }
            : {}),
          publishVerificationResult: broker.publish === true,
        }
      : { pactUrls: [file] }),
  })
  let failed = new Map<string, Mismatch[]>()
  try {
    await verifier.verifyProvider()
  } catch (error) {
    failed = readMismatches(error instanceof Error ? error.message : String(error), interactions)
  }
  return interactions.map((interaction) => {
    const mismatches = failed.get(interaction.description)
    const stateErrors = failures.filter((f) =>
      (interaction.providerStates ?? []).some((s) => s.name === f.state),
    )
    if (mismatches || stateErrors.length > 0) {
      return {
        provider,
        description: interaction.description,
        status: 'failed' as const,
        mismatches: [
          ...stateErrors.map((f) => ({
            message: `provider state "${f.state}" failed: ${f.error}`,
          })),
          ...(mismatches ?? []),
        ],
      }
    }
    return {
      provider,
      description: interaction.description,
      status: 'passed' as const,
      mismatches: [],
    }
  })
}

/**
 * Reads the verifier's failure report (JSON when the FFI returns it, text otherwise) into
 * mismatches per interaction description.
 */
export function readMismatches(
  message: string,
  interactions: PactFile['interactions'],
): Map<string, Mismatch[]> {
  const out = new Map<string, Mismatch[]>()
  let parsed: unknown
  try {
    parsed = JSON.parse(message)
  } catch {
    parsed = undefined
  }
  const entries = Array.isArray(parsed)
    ? parsed
    : (parsed as { errors?: unknown[] } | undefined)?.errors
  if (Array.isArray(entries)) {
    for (const entry of entries as {
      interaction?: string
      mismatch?: {
        mismatches?: (Mismatch & Record<string, unknown>)[]
        message?: string
        type?: string
      }
    }[]) {
      // The verifier names an interaction "Verifying a pact between … - <description>".
      const label = entry.interaction ?? ''
      const match =
        interactions.find((i) => label.endsWith(` - ${i.description}`)) ??
        interactions.find((i) => label.includes(i.description))
      const description = match?.description ?? label
      const list = entry.mismatch?.mismatches ?? [
        { message: entry.mismatch?.message ?? JSON.stringify(entry.mismatch) },
      ]
      out.set(description, [...(out.get(description) ?? []), ...list.map(normalise)])
    }
    return out
  }
  // No structured report: attribute the failure to every interaction named in the text, or to all.
  const named = interactions.filter((i) => message.includes(i.description))
  for (const interaction of named.length > 0 ? named : interactions)
    out.set(interaction.description, [{ message }])
  return out
}

function normalise(mismatch: Mismatch & Record<string, unknown>): Mismatch {
  const text = (value: unknown) =>
    value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value)
  return {
    ...(mismatch.path === undefined ? {} : { path: String(mismatch.path) }),
    ...(mismatch.expected === undefined ? {} : { expected: text(mismatch.expected)! }),
    ...(mismatch.actual === undefined ? {} : { actual: text(mismatch.actual)! }),
    message: String(mismatch.mismatch ?? mismatch.message ?? mismatch.type ?? 'mismatch'),
  }
}

function liveSettable(states: PactFile['interactions'][number]['providerStates']): boolean {
  return (states ?? []).every((state) => state.name === PROFILE_STATE('live'))
}

async function isTapedeck(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/__tapedeck/health`, { signal: AbortSignal.timeout(3000) })
    return response.ok && ((await response.json()) as { status?: string }).status === 'ok'
  } catch {
    return false
  }
}

async function pactFiles(options: VerifyOptions): Promise<string[]> {
  const dir = options.contractsDir ?? 'contracts'
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort()
  const chosen = options.provider
    ? files.filter((file) => file.endsWith(`-${options.provider}.json`))
    : files
  return chosen.map((file) => join(dir, file))
}
