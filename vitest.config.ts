import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // An empty folder per run for the shared 10,200-note library (test/support/large-library.ts).
    globalSetup: ['test/support/large-library-setup.ts'],
    // Test files share their worker's modules: in a fresh worker each file would import the whole pipeline again.
    // A file that runs alone (`vitest run test/x.test.ts`) still starts from nothing.
    isolate: false,
    // vitest leaves a core to itself, which on two cores runs one file at a time while many files
    // wait on Chromium or a child process; its own work is small.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Room for a test that shares two cores with another file and the browsers and builds it starts.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Claim ages are measured to the build date: pin it so results do not change with the calendar.
    env: { SOURCE_DATE_EPOCH: '1795651200' },
  },
})
