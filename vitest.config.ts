import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // An empty folder per run for the shared 10,200-note library (test/support/large-library.ts).
    globalSetup: ['test/support/large-library-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Claim ages are measured to the build date: pin it so results do not change with the calendar.
    env: { SOURCE_DATE_EPOCH: '1795651200' },
  },
})
