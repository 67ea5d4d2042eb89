// `npm run recordings`: re-records the shipped tapes in recordings/ and writes those that changed
// beyond what the SDKs stamp on each call (see test/support/record-fixtures.ts).
import { join } from 'node:path'
import { updateFixtures } from '../test/support/record-fixtures.ts'

const dir = join(import.meta.dirname, '..', 'recordings')
const written = await updateFixtures(dir)
console.log(
  written.length === 0
    ? 'recordings/: every tape is up to date'
    : written.map((file) => `recordings/${file}: written`).join('\n'),
)
