import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { createCertificates } from './create-certificates.ts'
import { readCertificateFiles } from './read-certificate-files.ts'

const dir = mkdtempSync(join(tmpdir(), 'tapedeck-cert-files-'))
const file = (name: string) => join(dir, name)
let pem: { cert: string; key: string; otherKey: string }

beforeAll(async () => {
  const [one, two] = await Promise.all([
    createCertificates({ hosts: ['localhost'] }),
    createCertificates({ hosts: ['localhost'] }),
  ])
  pem = { cert: one.cert, key: one.key, otherKey: two.key }
  writeFileSync(file('cert.pem'), pem.cert)
  writeFileSync(file('key.pem'), pem.key)
  writeFileSync(file('other-key.pem'), pem.otherKey)
  writeFileSync(file('not-pem.txt'), 'hello')
})

/** The error message, with the temporary directory replaced so it can be a snapshot. */
async function failure(files: { cert?: string; key?: string }): Promise<string> {
  const error: Error = await readCertificateFiles(files).then(
    () => new Error('expected a rejection'),
    (rejected: Error) => rejected,
  )
  return error.message.replaceAll(dir, '<tmp>')
}

it('reads a certificate and its key', async () => {
  expect(await readCertificateFiles({ cert: file('cert.pem'), key: file('key.pem') })).toEqual({
    cert: pem.cert,
    key: pem.key,
  })
})

it('refuses --cert without --key and --key without --cert', async () => {
  expect(await failure({ cert: file('cert.pem') })).toMatchInlineSnapshot(
    `"Failed to use option "--cert": give --key FILE with it (both or neither)"`,
  )
  expect(await failure({ key: file('key.pem') })).toMatchInlineSnapshot(
    `"Failed to use option "--key": give --cert FILE with it (both or neither)"`,
  )
})

it('refuses a file it cannot read, naming the path', async () => {
  expect(await failure({ cert: file('missing.pem'), key: file('key.pem') })).toMatchInlineSnapshot(
    `"Failed to use option "--cert": cannot read "<tmp>/missing.pem": ENOENT: no such file or directory, open '<tmp>/missing.pem'"`,
  )
})

it('refuses files that are not a PEM certificate or key', async () => {
  expect(await failure({ cert: file('not-pem.txt'), key: file('key.pem') })).toMatch(
    /^Failed to use option "--cert": "<tmp>\/not-pem.txt" is not a PEM certificate: /,
  )
  expect(await failure({ cert: file('cert.pem'), key: file('not-pem.txt') })).toMatch(
    /^Failed to use option "--key": "<tmp>\/not-pem.txt" is not a PEM private key: /,
  )
})

it('refuses a key that does not belong to the certificate', async () => {
  expect(
    await failure({ cert: file('cert.pem'), key: file('other-key.pem') }),
  ).toMatchInlineSnapshot(
    `"Failed to use option "--key": "<tmp>/other-key.pem" is not the private key of the certificate in "<tmp>/cert.pem""`,
  )
})
