import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Claim ages are measured to the build date: pin it so results do not change with the calendar.
    env: { SOURCE_DATE_EPOCH: '1795651200' },
  },
})
