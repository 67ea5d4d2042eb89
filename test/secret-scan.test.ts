import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createDefaultState } from '../src/simulator/index.ts'

// Nothing committed under contracts/ or recordings/ may hold a credential: the vendor key shapes,
// the configured secrets (built-in and from the environment), or a bearer token.
const ROOT = join(import.meta.dirname, '..')
const PATTERNS: [string, RegExp][] = [
  ['Alibaba AccessKeyId', /LTAI[0-9A-Za-z]{12,}/],
  ['Tencent SecretId', /AKID[0-9A-Za-z]{32}/],
  ['bearer token', /Bearer\s+[0-9A-Za-z._~+/-]{20,}/],
]

function configuredSecrets(): string[] {
  const { credentials } = createDefaultState()
  const fromEnv = Object.entries(process.env)
    .filter(
      ([name, value]) =>
        name.startsWith('TAPEDECK_') &&
        /SECRET|_SK$|TOKEN|KEY/.test(name) &&
        value &&
        value.length >= 8,
    )
    .map(([, value]) => value!)
  return [
    ...credentials.alibaba.flatMap((c) => [
      c.accessKeySecret,
      c.securityToken ?? c.accessKeySecret,
    ]),
    ...credentials.tencent.map((c) => c.secretKey),
    ...credentials.huaweiAksk.map((c) => c.sk),
    ...credentials.huaweiTokens.map((c) => c.token),
    ...fromEnv,
  ]
}

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir).catch(() => [] as string[])
  const out: string[] = []
  for (const entry of entries) {
    const path = join(dir, entry)
    if ((await stat(path)).isDirectory()) out.push(...(await files(path)))
    else out.push(path)
  }
  return out
}

it('finds no credential in contracts/, contracts-documented/ or recordings/', async () => {
  const scanned = [
    ...(await files(join(ROOT, 'contracts'))),
    ...(await files(join(ROOT, 'contracts-documented'))),
    ...(await files(join(ROOT, 'recordings'))),
  ]
  expect(scanned.length).toBeGreaterThan(0)
  const secrets = configuredSecrets()
  const leaks: string[] = []
  for (const file of scanned) {
    const text = await readFile(file, 'utf8')
    for (const [name, pattern] of PATTERNS) if (pattern.test(text)) leaks.push(`${file}: ${name}`)
    for (const secret of secrets)
      if (text.includes(secret)) leaks.push(`${file}: a configured secret (${secret.slice(0, 3)}…)`)
  }
  expect(leaks).toEqual([])
})
