import { defineConfig } from 'vitest/config';
import { stringsFileLanguages } from './renderer/locales/strings-files.mjs';

// Unit tests live beside the code they test; e2e/ has its own runner (Playwright).
export default defineConfig({
  // As the host's build sets it (electron/build-host.mjs).
  define: { KIOSK_STRINGS_FILES: JSON.stringify(stringsFileLanguages()) },
  test: {
    include: ['electron/**/*.test.ts', 'renderer/**/*.test.ts', 'build/**/*.test.ts', '.ci/*.test.ts'],
    benchmark: { include: ['electron/**/*.bench.ts', 'renderer/**/*.bench.ts'] },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CUPS queues and temp folders are per test file; running files one at a time keeps CUPS calm.
    fileParallelism: false,
  },
});
