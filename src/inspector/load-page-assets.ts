import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The inspector page's files, as `npm run build` writes them to `dist/inspector-page/`. */
export type PageAssets = Record<string, { type: string; body: Buffer }>

const FILES = {
  'index.html': 'text/html; charset=utf-8',
  'inspector.js': 'text/javascript; charset=utf-8',
  'inspector.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml; charset=utf-8',
} as const

/**
 * Reads the built page from the package's `dist/inspector-page/`, found from this module's own
 * location (`src/`, `dist/` or the CLI bundle); undefined when the page was never built.
 */
export function loadPageAssets(from = import.meta.url): PageAssets | undefined {
  let dir = dirname(fileURLToPath(from))
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, 'dist', 'inspector-page')
    if (existsSync(join(candidate, 'index.html'))) {
      const assets: PageAssets = {}
      for (const [name, type] of Object.entries(FILES)) {
        assets[name] = { type, body: readFileSync(join(candidate, name)) }
      }
      return assets
    }
    dir = dirname(dir)
  }
  return undefined
}
