// The CLI as one ES module graph of a dozen files instead of ~240 (dist, zod, yargs,
// fast-xml-parser): Node resolves, reads and compiles each module it loads, and that was most of
// `tapedeck serve`'s cold start (~350 -> ~215 ms to the first 200 on the bench machine). Unused
// exports are dropped on the way (zod's 64 locales). Pact stays outside: it loads a native library
// and is imported only by the contract commands. The library entry points (`dist/index.js`, MSW
// handlers) are tsc's output, untouched.
import { rmSync } from 'node:fs'
import { build } from 'esbuild'

// Chunk names carry content hashes: start empty so no stale chunk lingers.
rmSync('dist/cli-bundle', { recursive: true, force: true })

await build({
  entryPoints: ['dist/cli/main.js'],
  outdir: 'dist/cli-bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@pact-foundation/*'],
  // Bundled CommonJS dependencies may call `require`: give them Node's, as a module would have.
  banner: {
    js: "import { createRequire as __tapedeckRequire } from 'node:module'; const require = __tapedeckRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  logLevel: 'warning',
})
