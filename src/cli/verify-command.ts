import { writeFile } from 'node:fs/promises'
import type { Argv } from 'yargs'
import { operations } from '../catalog/index.ts'
import { type CredentialSet, probeProvider, testCredentials } from '../client/index.ts'
import { InvalidOptionError } from '../errors.ts'
import type { VerifyOptions } from '../pact/index.ts'
import { builtInRegistry, type CredentialDeclaration, credentialsOf } from '../protocols/index.ts'
import { assertHttpUrl } from './assert-http-url.ts'
import { assertPath } from './assert-path.ts'
import { loadPact } from './load-pact.ts'
import { isVerifyWorker, runAsWorker, runInWorker } from './run-verify-worker.ts'

type Flagged = CredentialDeclaration & Required<Pick<CredentialDeclaration, 'flags' | 'env'>>

/** The credential kinds with flags, as the schemes declare them (flags and variables alike). */
const FLAGGED = credentialsOf(builtInRegistry).filter(
  (credential): credential is Flagged => !!credential.flags && !!credential.env,
)

/** One string option per credential flag, its help naming the variable that can stand in for it. */
function credentialOptions<T>(y: Argv<T>): Argv<T> {
  let out = y
  for (const { flags, env: names } of FLAGGED) {
    for (const field of ['id', 'secret', 'project'] as const) {
      const flag = flags[field]
      const variable = names[field]?.[0]
      if (flag && variable) out = out.option(flag, { type: 'string', describe: `or ${variable}` })
    }
  }
  return out
}

/**
 * Credentials for re-signing, from flags or the environment (never written anywhere); the built-in
 * test credentials fill the gaps, which is right for a tapedeck provider.
 */
async function credentialsFrom(argv: Record<string, unknown>): Promise<CredentialSet> {
  const defaults: CredentialSet = testCredentials()
  const out: CredentialSet = {}
  for (const { kind, flags, env: names } of FLAGGED) {
    // A flag wins over the variable of tapedeck's own name for the same field.
    const pick = (flag: string | undefined, variables: readonly string[] | undefined) =>
      (flag === undefined ? undefined : (argv[flag] as string | undefined)) ??
      (variables === undefined ? undefined : process.env[variables[0]!])
    const id = pick(flags.id, names.id)
    const secret = pick(flags.secret, names.secret)
    const project = pick(flags.project, names.project) ?? defaults[kind]?.project
    if (!id && !secret) {
      const fallback = defaults[kind]
      if (fallback) out[kind] = fallback
      continue
    }
    if (!id || !secret)
      throw new InvalidOptionError(
        kind,
        'give both the key id and the secret (flags or environment)',
      )
    out[kind] = { keyId: id, secret, ...(project ? { project } : {}) }
  }
  return out
}

/** The providers the contracts cover, as `--provider` accepts them. */
const PROVIDERS = [...new Set(operations.map((o) => o.provider))]

/** `tapedeck verify`: runs the Pact verifier over the contracts against a provider URL. */
export function verifyCommand(cli: Argv) {
  return cli.command(
    'verify',
    'Verify a provider (tapedeck, a replay server, or the live vendor) against the contracts',
    (y) =>
      credentialOptions(y)
        .option('provider-url', {
          type: 'string',
          demandOption: true,
          describe: 'Base URL of the provider',
        })
        .option('contracts', {
          type: 'string',
          default: 'contracts',
          describe: 'Folder of Pact files',
        })
        .option('provider', {
          type: 'string',
          describe: `Only this provider (${PROVIDERS.join(', ')})`,
        })
        .option('admin-token', {
          type: 'string',
          describe: "The tapedeck provider's admin token (or TAPEDECK_ADMIN_TOKEN)",
        })
        .option('junit', { type: 'string', describe: 'Write a JUnit XML report to this file' })
        .option('verbose', {
          type: 'boolean',
          default: false,
          describe: "Show Pact's own verifier output and log",
        })
        .option('pact-url', {
          type: 'string',
          array: true,
          describe:
            'Verify this pact (file or URL, e.g. the pactUrl a Broker webhook passes) instead of --contracts',
        })
        .option('broker-url', {
          type: 'string',
          describe: 'Pact Broker URL (or PACT_BROKER_BASE_URL); replaces --contracts',
        })
        .option('broker-token', { type: 'string', describe: 'or PACT_BROKER_TOKEN' })
        .option('broker-username', { type: 'string', describe: 'or PACT_BROKER_USERNAME' })
        .option('broker-password', { type: 'string', describe: 'or PACT_BROKER_PASSWORD' })
        .option('consumer-version-selectors', {
          type: 'string',
          describe:
            'Which pacts the broker returns, as JSON: \'[{"mainBranch":true},{"deployedOrReleased":true}]\'',
        })
        .option('enable-pending', {
          type: 'boolean',
          default: false,
          describe: 'Pending pacts: their failures do not fail the run',
        })
        .option('include-wip-pacts-since', {
          type: 'string',
          describe: 'Also verify work-in-progress pacts since this date (YYYY-MM-DD), as pending',
        })
        .option('provider-version', {
          type: 'string',
          describe: 'Provider version to publish results for',
        })
        .option('provider-branch', {
          type: 'string',
          describe: 'Provider branch to publish results for',
        })
        .option('publish', {
          type: 'boolean',
          default: false,
          describe: 'Publish verification results to the broker',
        }),
    async (argv) => {
      assertHttpUrl('--provider-url', argv['provider-url'])
      if (argv.provider !== undefined && !PROVIDERS.includes(argv.provider))
        throw new InvalidOptionError(
          '--provider',
          `unknown provider "${argv.provider}"; use one of ${PROVIDERS.join(', ')}`,
        )
      const pactUrls = argv['pact-url'] ?? []
      for (const location of pactUrls)
        if (/^https?:/.test(location)) assertHttpUrl('--pact-url', location)
        else await assertPath('--pact-url', location, 'file')
      if (argv.junit) await assertPath('--junit', argv.junit, 'new-file')
      const brokerUrl = argv['broker-url'] ?? process.env['PACT_BROKER_BASE_URL']
      if (brokerUrl) assertHttpUrl('--broker-url', brokerUrl)
      // A provider's build with a broker has no contracts folder of its own.
      if (pactUrls.length === 0 && !brokerUrl)
        await assertPath('--contracts', argv.contracts, 'directory')
      if (brokerUrl && pactUrls.length === 0 && !argv.provider)
        throw new InvalidOptionError('--provider', 'a broker needs the provider name')
      const remotePact = pactUrls.find((u) => /^https?:/.test(u))
      if (argv.publish && !brokerUrl && !remotePact)
        throw new InvalidOptionError(
          '--publish',
          'results go to a broker: give --broker-url or a --pact-url from one',
        )
      if (argv.publish && !argv['provider-version'])
        throw new InvalidOptionError('--publish', 'give --provider-version (e.g. the git sha)')
      const since = argv['include-wip-pacts-since']
      if (since !== undefined && Number.isNaN(Date.parse(since)))
        throw new InvalidOptionError(
          '--include-wip-pacts-since',
          `expected a date such as 2026-01-01, got "${since}"`,
        )
      const selectors = parseSelectors(argv['consumer-version-selectors'])
      const brokerToken = argv['broker-token'] ?? process.env['PACT_BROKER_TOKEN']
      const brokerUser = argv['broker-username'] ?? process.env['PACT_BROKER_USERNAME']
      const brokerPassword = argv['broker-password'] ?? process.env['PACT_BROKER_PASSWORD']
      const adminToken = argv['admin-token'] ?? process.env['TAPEDECK_ADMIN_TOKEN']
      const brokerBase = brokerUrl ?? (remotePact ? new URL(remotePact).origin : undefined)
      const options: VerifyOptions = {
        providerUrl: argv['provider-url'],
        contractsDir: argv.contracts,
        ...(pactUrls.length ? { pactUrls } : {}),
        ...(argv.provider ? { provider: argv.provider } : {}),
        credentials: await credentialsFrom(argv),
        ...(adminToken ? { adminToken } : {}),
        logLevel: argv.verbose ? 'info' : 'error',
        ...(brokerBase
          ? {
              broker: {
                url: brokerBase,
                ...(brokerToken ? { token: brokerToken } : {}),
                ...(brokerUser ? { username: brokerUser } : {}),
                ...(brokerPassword ? { password: brokerPassword } : {}),
                ...(selectors ? { consumerVersionSelectors: selectors } : {}),
                enablePending: argv['enable-pending'],
                ...(since ? { includeWipPactsSince: since } : {}),
                ...(argv['provider-version'] ? { providerVersion: argv['provider-version'] } : {}),
                ...(argv['provider-branch'] ? { providerBranch: argv['provider-branch'] } : {}),
                publish: argv.publish,
              },
            }
          : {}),
      }
      // A dead provider fails here, at once, in one line, before Pact loads or a process starts.
      if (!isVerifyWorker()) await probeProvider(options.providerUrl.replace(/\/$/, ''), adminToken)
      const pact = await loadPact('verify')
      if (isVerifyWorker()) return runAsWorker(pact.verifyProvider, options)
      const live = process.stdout.isTTY === true
      const colour = live && !process.env['NO_COLOR']
      const clear = () => live && process.stdout.write('\r\x1b[2K')
      const report = await runInWorker(argv.verbose, (message) => {
        if (message.kind === 'start' && live && message.total > 0)
          process.stdout.write(`… verifying 1/${message.total}`)
        if (message.kind !== 'result') return
        clear()
        console.log(pact.renderResultLine(message.result, message.index, message.total, colour))
        if (live && message.index + 1 < message.total)
          process.stdout.write(`… verifying ${message.index + 2}/${message.total}`)
      })
      clear()
      console.log(`\n${pact.renderSummary(report)}`)
      if (argv.junit) await writeFile(argv.junit, pact.renderJunit(report))
      process.exitCode = report.failed > 0 || report.passed === 0 ? 1 : 0
    },
  )
}

function parseSelectors(text: string | undefined): Record<string, unknown>[] | undefined {
  if (text === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    value = undefined
  }
  const list = Array.isArray(value) ? value : [value]
  if (!list.every((s) => s !== null && typeof s === 'object' && !Array.isArray(s)))
    throw new InvalidOptionError(
      '--consumer-version-selectors',
      `expected JSON objects such as '[{"mainBranch":true}]', got ${JSON.stringify(text)}`,
    )
  return list as Record<string, unknown>[]
}
