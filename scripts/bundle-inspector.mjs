// The inspector page (src/inspector/page) as three static files in dist/inspector-page: one
// script bundle, its stylesheet and the HTML shell. Served by `tapedeck serve` at /__tapedeck/;
// nothing is fetched from anywhere else at run time.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { build } from 'esbuild'

const out = 'dist/inspector-page'
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
await build({
  entryPoints: ['src/inspector/page/main.ts'],
  outfile: `${out}/inspector.js`,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'chrome110',
  minify: true,
  logLevel: 'warning',
})
for (const file of ['index.html', 'inspector.css', 'favicon.svg'])
  copyFileSync(`src/inspector/page/${file}`, `${out}/${file}`)
