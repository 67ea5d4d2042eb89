import type { Argv } from 'yargs'
import { assertPath } from './assert-path.ts'
import { loadPact } from './load-pact.ts'

/** `tapedeck contracts`: regenerates the Pact files from the catalogue. */
export function contractsCommand(cli: Argv) {
  return cli.command(
    'contracts',
    'Regenerate the Pact contracts (contracts/) from the operation catalogue',
    (y) =>
      y
        .option('dir', {
          type: 'string',
          default: 'contracts',
          describe: 'Folder to write the Pact files to (live response profile)',
        })
        .option('documented-dir', {
          type: 'string',
          describe: 'Folder for the documented-profile twins (default: <dir>-documented)',
        }),
    async (argv) => {
      await assertPath('--dir', argv.dir, 'new-directory')
      const { documentedDirOf, writeContracts } = await loadPact('contracts')
      const documentedDir = argv['documented-dir'] ?? documentedDirOf(argv.dir)
      await assertPath('--documented-dir', documentedDir, 'new-directory')
      const started = performance.now()
      const { files, interactions } = await writeContracts(argv.dir, { documentedDir })
      console.log(
        `wrote ${interactions} interactions in ${files.length} files to ${argv.dir}/ and ${documentedDir}/ (${Math.round(performance.now() - started)} ms)`,
      )
      for (const file of files) console.log(`  ${file}`)
    },
  )
}
