// Unit and integration tests (Node, real SQLite, real sockets). Browser tests live in tests/e2e (Playwright).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    environment: 'node'
  }
})
