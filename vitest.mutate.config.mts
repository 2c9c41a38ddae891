import { defineConfig } from "vitest/config";

// `npm run mutate` (stryker.config.mjs): the worker's pure modules and the folder index, in plain
// Node. Tests that need the runtime (cloudflare:test's SELF and env) stay in vitest.config.mts.
export default defineConfig({
  test: {
    include: ["test/worker/**/*.test.ts", "test/manifest/**/*.test.ts"],
    exclude: [
      "test/worker/index.test.ts",
      "test/worker/file-source.test.ts",
      // These drive the whole app or a binding inside the runtime too (cloudflare:test, HTMLRewriter).
      "test/worker/auth.test.ts",
      "test/worker/cors.test.ts",
      "test/worker/extra-headers.test.ts",
      "test/worker/file-read.test.ts",
      "test/worker/reload-inject.test.ts",
      "test/worker/reload-route.test.ts",
      "test/worker/respond.test.ts",
      "test/worker/well-known.test.ts",
    ],
    environment: "node",
    setupFiles: ["test/helpers/html-rewriter.ts"],
  },
});
