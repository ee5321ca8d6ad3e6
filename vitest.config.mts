import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// A test that forgets to pass its own user-data folder (or a CLI it spawns) must never write the
// real user's settings or recent projects: every test process gets a throwaway default.
const throwawayHome = mkdtempSync(join(tmpdir(), 'biaozhu-vitest-home-'));

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { BIAOZHU_HOME: throwawayHome },
  },
});
