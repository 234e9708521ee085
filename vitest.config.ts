import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Property tests use fixed seeds; a run must be reproducible in CI.
    testTimeout: 30_000,
  },
})
