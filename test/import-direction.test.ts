import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')

/** The README's data-flow line, `catalog → {protocols, tls} → …`, as each folder's rank. */
function flowRanks(): Map<string, number> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const line = /Data flows one way: `([^`]+)`/.exec(readme)?.[1]
  if (!line) throw new Error('README.md has no "Data flows one way: `…`" line')
  const ranks = new Map<string, number>()
  line.split('→').forEach((group, rank) => {
    for (const folder of group.replace(/[{}\s]/g, '').split(',')) ranks.set(folder, rank)
  })
  return ranks
}

describe('data flows one way (README "Architecture")', () => {
  it('no file under src/, colocated tests included, imports a folder downstream of its own or beside it', () => {
    const ranks = flowRanks()
    expect(ranks.get('catalog')).toBe(0)
    expect(ranks.get('cli')).toBe(Math.max(...ranks.values()))
    const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.ts'),
    )
    const wrong: string[] = []
    for (const file of files) {
      const folder = file.split(/[\\/]/)[0]!
      const rank = ranks.get(folder)
      if (rank === undefined) continue
      const text = readFileSync(join(root, 'src', file), 'utf8')
      for (const [, other] of text.matchAll(/from '(?:\.\.\/)+([a-z-]+)\//g)) {
        const otherRank = ranks.get(other!)
        if (other !== folder && otherRank !== undefined && otherRank >= rank)
          wrong.push(`src/${file} imports ${other}/`)
      }
    }
    expect(wrong).toEqual([])
  })
})
