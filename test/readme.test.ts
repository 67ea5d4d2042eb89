import { existsSync, readFileSync } from 'node:fs'
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

it('cites only files that exist', () => {
  const root = new URL('../', import.meta.url)
  const cited = [
    ...readme.matchAll(/`((?:test|src|bench|scripts|examples)\/[\w./-]+\.(?:ts|mjs|py))`/g),
  ]
  expect(cited.length).toBeGreaterThan(20)
  for (const [, path] of cited) expect(existsSync(new URL(path!, root)), path).toBe(true)
})

it('finds each "N concurrent …" promise of the reliability table in the test file it cites', () => {
  const root = new URL('../', import.meta.url)
  const rows = readme.split('\n').filter((line) => line.startsWith('| ') && line.includes('test/'))
  let checked = 0
  for (const row of rows) {
    // Each claim belongs to the last file cited before it in the cell.
    const parts = row.split(/`(test\/[\w./-]+\.ts)`/)
    for (let i = 1; i + 1 < parts.length; i += 2) {
      const source = readFileSync(new URL(parts[i]!, root), 'utf8')
      for (const [claim] of parts[i + 1]!.matchAll(
        /\d[\d,]* concurrent [a-z ]+?(?= all| end| wins|;|$)/g,
      )) {
        checked += 1
        expect(source, `${claim} (cited: ${parts[i]})`).toContain(claim!.replaceAll(',', ''))
      }
    }
  }
  expect(checked).toBeGreaterThanOrEqual(2)
})
