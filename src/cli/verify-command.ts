import { writeFile } from 'node:fs/promises'
import type { Argv } from 'yargs'
import { InvalidOptionError } from '../errors.ts'
import type { CredentialKind, SigningCredentials } from '../protocols/index.ts'

/**
 * Credentials for re-signing, from flags or the environment (never written anywhere); the built-in
 * test credentials fill the gaps, which is right for a tapedeck provider.
 */
async function credentialsFrom(
  argv: Record<string, unknown>,
): Promise<Partial<Record<CredentialKind, SigningCredentials>>> {
  const { CREDENTIAL_ENV, testCredentials } = await import('../client/index.ts')
  const defaults = testCredentials()
  // A flag wins over the variable of tapedeck's own name for the same field.
  const pick = (flag: string, names: readonly string[]) =>
    (argv[flag] as string | undefined) ?? process.env[names[0]!]
  const pair = (
    kind: CredentialKind,
    id: string | undefined,
    secret: string | undefined,
    project?: string,
  ) => {
    if (!id && !secret) return defaults[kind]
    if (!id || !secret)
      throw new InvalidOptionError(
        kind,
        'give both the key id and the secret (flags or environment)',
      )
    return { keyId: id, secret, ...(project ? { project } : {}) }
  }
  return {
    alibaba: pair(
      'alibaba',
      pick('alibaba-key-id', CREDENTIAL_ENV.alibaba.id),
      pick('alibaba-secret', CREDENTIAL_ENV.alibaba.secret),
    ),
    tencent: pair(
      'tencent',
      pick('tencent-secret-id', CREDENTIAL_ENV.tencent.id),
      pick('tencent-secret-key', CREDENTIAL_ENV.tencent.secret),
    ),
    'huawei-aksk': pair(
      'huawei-aksk',
      pick('huawei-ak', CREDENTIAL_ENV['huawei-aksk'].id),
      pick('huawei-sk', CREDENTIAL_ENV['huawei-aksk'].secret),
      pick('huawei-project', CREDENTIAL_ENV['huawei-aksk'].project!) ??
        defaults['huawei-aksk'].project,
    ),
  }
}

/** `tapedeck verify`: runs the Pact verifier over the contracts against a provider URL. */
export function verifyCommand(cli: Argv) {
  return cli.command(
    'verify',
    'Verify a provider (tapedeck, a replay server, or the live vendor) against the contracts',
    (y) =>
      y
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
          describe:
            'Only this provider (alibaba-vod, alibaba-ice, tencent-cvm-v2, tencent-cvm, huawei-imagesearch)',
        })
        .option('junit', { type: 'string', describe: 'Write a JUnit XML report to this file' })
        .option('alibaba-key-id', { type: 'string', describe: 'or TAPEDECK_ALIBABA_ACCESS_KEY_ID' })
        .option('alibaba-secret', {
          type: 'string',
          describe: 'or TAPEDECK_ALIBABA_ACCESS_KEY_SECRET',
        })
        .option('tencent-secret-id', { type: 'string', describe: 'or TAPEDECK_TENCENT_SECRET_ID' })
        .option('tencent-secret-key', {
          type: 'string',
          describe: 'or TAPEDECK_TENCENT_SECRET_KEY',
        })
        .option('huawei-ak', { type: 'string', describe: 'or TAPEDECK_HUAWEI_AK' })
        .option('huawei-sk', { type: 'string', describe: 'or TAPEDECK_HUAWEI_SK' })
        .option('huawei-project', { type: 'string', describe: 'or TAPEDECK_HUAWEI_PROJECT' })
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
