#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ and bundled (scripts/bundle-cli.mjs) by
// `npm run build`, which `npm ci` runs through `prepare`.
import '../dist/cli-bundle/main.js'
