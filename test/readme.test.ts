import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { GENERATED, replaceGenerated } from './support/readme-sections.ts'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

it('carries every generated table, up to date with the catalogue (run `npm run docs` to refresh)', () => {
  for (const name of Object.keys(GENERATED)) expect(readme).toContain(`<!-- generated:${name} -->`)
  expect(replaceGenerated(readme) === readme, 'README.md is stale: run `npm run docs`').toBe(true)
})

it('keeps the two-command quick start', () => {
  expect(readme).toContain('npm ci && npx tapedeck serve')
  expect(readme).toContain('npm test')
})
