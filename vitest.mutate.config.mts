import { defineConfig } from "vitest/config";

// `npm run mutate` (stryker.config.mjs): the worker's pure modules and the folder index, in plain
// Node. Tests that need the runtime (cloudflare:test's SELF and env) stay in vitest.config.mts.
export default defineConfig({
  test: {
    include: ["test/worker/**/*.test.ts", "test/manifest/**/*.test.ts"],
    exclude: ["test/worker/index.test.ts", "test/worker/file-source.test.ts"],
    environment: "node",
    setupFiles: ["test/helpers/html-rewriter.ts"],
  },
});
