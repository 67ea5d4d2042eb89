import { chmod, lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir, userInfo } from 'node:os'
import { dirname, join } from 'node:path'
import { InvalidOptionError } from '../errors.ts'

export type WriteCaFileOptions = {
  /** The CA certificate, PEM. */
  pem: string
  /** Where to write it (`--ca-out`); default `<tmpdir>/tapedeck-<uid>/ca-<port>.pem`. */
  path?: string | undefined
  /** The port the server listens on: the default file is per port, so two servers keep theirs. */
  port: number
}

/**
 * Writes a generated CA certificate (mode 0644, replaced by rename so a reader never sees half a
 * file and a planted symlink is replaced, not followed) and returns its path. The default
 * directory is private to this user: a CA file that others could swap would let them choose what
 * `NODE_EXTRA_CA_CERTS` makes a client trust.
 */
export async function writeCaFile({ pem, path, port }: WriteCaFileOptions): Promise<string> {
  const target = path ?? join(await privateDirectory(), `ca-${port}.pem`)
  const temporary = `${target}.${process.pid}.tmp`
  try {
    await mkdir(dirname(target), { recursive: true })
    await writeFile(temporary, pem, { flag: 'wx', mode: 0o644 })
    // The umask may have taken bits away; clients run as other users may need to read it.
    await chmod(temporary, 0o644)
    await rename(temporary, target)
  } catch (error) {
    // The write's error is the one to report; rm fails only where the file could not be made either.
    await rm(temporary, { force: true }).catch(() => undefined)
    throw new InvalidOptionError(
      '--ca-out',
      `cannot write "${target}": ${(error as Error).message}`,
    )
  }
  return target
}

/** `<tmpdir>/tapedeck-<uid>`, created 0700 and refused when another user owns or can write it. */
async function privateDirectory(): Promise<string> {
  const uid = process.getuid?.()
  const dir = join(tmpdir(), `tapedeck-${uid ?? userInfo().username}`)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const stats = await lstat(dir)
  const foreign = uid !== undefined && stats.uid !== uid
  if (!stats.isDirectory() || foreign || (uid !== undefined && (stats.mode & 0o022) !== 0)) {
    throw new InvalidOptionError(
      '--ca-out',
      `"${dir}" is not a directory only this user can write (owner ${stats.uid}, mode ${(stats.mode & 0o777).toString(8)}): give --ca-out FILE`,
    )
  }
  return dir
}
