import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The JSON report feeds .ci/run's closing "N passed, M failed" line.
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    testTimeout: 20_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
})
