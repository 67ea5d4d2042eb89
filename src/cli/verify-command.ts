import { writeFile } from 'node:fs/promises'
import type { Argv } from 'yargs'
import { operations } from '../catalog/index.ts'
import { CREDENTIAL_ENV, testCredentials } from '../client/index.ts'
import { InvalidOptionError } from '../errors.ts'
import type { CredentialKind, SigningCredentials } from '../protocols/index.ts'
import { assertHttpUrl } from './assert-http-url.ts'
import { assertPath } from './assert-path.ts'

/** The flags that carry each kind's credentials; their variables come from `CREDENTIAL_ENV`. */
const CREDENTIAL_FLAGS: Record<
  Exclude<CredentialKind, 'huawei-token'>,
  { id: string; secret: string; project?: string }
> = {
  alibaba: { id: 'alibaba-key-id', secret: 'alibaba-secret' },
  tencent: { id: 'tencent-secret-id', secret: 'tencent-secret-key' },
  'huawei-aksk': { id: 'huawei-ak', secret: 'huawei-sk', project: 'huawei-project' },
}

/** One string option per credential flag, its help naming the variable that can stand in for it. */
function credentialOptions<T>(y: Argv<T>): Argv<T> {
  let out = y
  for (const [kind, flags] of Object.entries(CREDENTIAL_FLAGS)) {
    const names = CREDENTIAL_ENV[kind as keyof typeof CREDENTIAL_FLAGS]
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
async function credentialsFrom(
  argv: Record<string, unknown>,
): Promise<Partial<Record<CredentialKind, SigningCredentials>>> {
  const defaults = testCredentials()
  const out: Partial<Record<CredentialKind, SigningCredentials>> = {}
  for (const [name, flags] of Object.entries(CREDENTIAL_FLAGS)) {
    const kind = name as keyof typeof CREDENTIAL_FLAGS
    const names = CREDENTIAL_ENV[kind]
    // A flag wins over the variable of tapedeck's own name for the same field.
    const pick = (flag: string | undefined, variables: readonly string[] | undefined) =>
      (flag === undefined ? undefined : (argv[flag] as string | undefined)) ??
      (variables === undefined ? undefined : process.env[variables[0]!])
    const id = pick(flags.id, names.id)
    const secret = pick(flags.secret, names.secret)
    const project = pick(flags.project, names.project) ?? defaults[kind]?.project
    if (!id && !secret) {
      out[kind] = defaults[kind]
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
        .option('junit', { type: 'string', describe: 'Write a JUnit XML report to this file' })
        .option('broker-url', {
          type: 'string',
          describe: 'Pact Broker URL (or PACT_BROKER_BASE_URL); replaces --contracts',
        })
        .option('broker-token', { type: 'string', describe: 'or PACT_BROKER_TOKEN' })
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
      await assertPath('--contracts', argv.contracts, 'directory')
      if (argv.junit) await assertPath('--junit', argv.junit, 'new-file')
      const { renderJunit, renderReport, verifyProvider } = await import('../pact/index.ts')
      const brokerUrl = argv['broker-url'] ?? process.env['PACT_BROKER_BASE_URL']
      const brokerToken = argv['broker-token'] ?? process.env['PACT_BROKER_TOKEN']
      if (brokerUrl && !argv.provider)
        throw new InvalidOptionError('--provider', 'a broker needs the provider name')
      const report = await verifyProvider({
        providerUrl: argv['provider-url'],
        contractsDir: argv.contracts,
        ...(argv.provider ? { provider: argv.provider } : {}),
        credentials: await credentialsFrom(argv),
        ...(brokerUrl
          ? {
              broker: {
                url: brokerUrl,
                ...(brokerToken ? { token: brokerToken } : {}),
                ...(argv['provider-version'] ? { providerVersion: argv['provider-version'] } : {}),
                ...(argv['provider-branch'] ? { providerBranch: argv['provider-branch'] } : {}),
                publish: argv.publish,
              },
            }
          : {}),
      })
      console.log(`\n${renderReport(report)}`)
      if (argv.junit) await writeFile(argv.junit, renderJunit(report))
      process.exitCode = report.failed > 0 || report.passed === 0 ? 1 : 0
    },
  )
}
