// `npm run recordings`: re-records the shipped tapes in recordings/ (see test/support/record-fixtures.ts).
import { join } from 'node:path'
import { recordFixtures } from '../test/support/record-fixtures.ts'

const dir = join(import.meta.dirname, '..', 'recordings')
const outcomes = await recordFixtures(dir)
for (const [tape, list] of Object.entries(outcomes))
  console.log(`recordings/${tape}: ${list.length} call(s)`)
