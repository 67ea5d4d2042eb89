// Rewrites the generated sections of README.md from the catalogue: `npm run docs`.
import { readFileSync, writeFileSync } from 'node:fs'
import { replaceGenerated } from '../test/support/readme-sections.ts'

const file = new URL('../README.md', import.meta.url)
writeFileSync(file, replaceGenerated(readFileSync(file, 'utf8')))
console.log('README.md tables regenerated from the catalogue')
