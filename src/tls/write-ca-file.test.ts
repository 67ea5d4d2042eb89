import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { writeCaFile } from './write-ca-file.ts'

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
const savedTmpdir = process.env['TMPDIR']
afterEach(() => {
  if (savedTmpdir === undefined) delete process.env['TMPDIR']
  else process.env['TMPDIR'] = savedTmpdir
})

const fresh = () => mkdtempSync(join(tmpdir(), 'tapedeck-ca-out-'))

it('writes the CA to the path given, creating its directories, readable by all (0644)', async () => {
  const path = join(fresh(), 'nested', 'ca.pem')
  expect(await writeCaFile({ pem: PEM, path, port: 1 })).toBe(path)
  expect(readFileSync(path, 'utf8')).toBe(PEM)
  expect(lstatSync(path).mode & 0o777).toBe(0o644)
})

it('replaces a symlink at the path instead of writing through it', async () => {
  const dir = fresh()
  writeFileSync(join(dir, 'victim.txt'), 'untouched')
  symlinkSync(join(dir, 'victim.txt'), join(dir, 'ca.pem'))
  await writeCaFile({ pem: PEM, path: join(dir, 'ca.pem'), port: 1 })
  expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('untouched')
  expect(lstatSync(join(dir, 'ca.pem')).isSymbolicLink()).toBe(false)
})

it('defaults to ca-<port>.pem in a directory of the temporary directory private to this user', async () => {
  const root = fresh()
  process.env['TMPDIR'] = root
  const path = await writeCaFile({ pem: PEM, port: 8443 })
  const dir = join(root, `tapedeck-${process.getuid!()}`)
  expect(path).toBe(join(dir, 'ca-8443.pem'))
  expect(lstatSync(dir).mode & 0o777).toBe(0o700)
  expect(readFileSync(path, 'utf8')).toBe(PEM)
})

it('refuses a default directory that others can write', async () => {
  const root = fresh()
  process.env['TMPDIR'] = root
  const dir = join(root, `tapedeck-${process.getuid!()}`)
  mkdirSync(dir)
  chmodSync(dir, 0o777)
  await expect(writeCaFile({ pem: PEM, port: 8443 })).rejects.toThrow(
    `Failed to use option "--ca-out": "${dir}" is not a directory only this user can write (owner ${process.getuid!()}, mode 777): give --ca-out FILE`,
  )
})

it('names the path it could not write', async () => {
  const dir = fresh()
  writeFileSync(join(dir, 'a-file'), '')
  await expect(
    writeCaFile({ pem: PEM, path: join(dir, 'a-file', 'ca.pem'), port: 1 }),
  ).rejects.toThrow(
    `Failed to use option "--ca-out": cannot write "${join(dir, 'a-file', 'ca.pem')}": `,
  )
})
