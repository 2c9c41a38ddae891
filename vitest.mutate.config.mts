import path from "node:path";
import { defineConfig } from "vitest/config";
import { generateSite } from "./src/manifest/generate.js";

// `npm run mutate` (stryker.config.mjs): the worker's tests and the folder index's, in plain Node.
// `cloudflare:test` is stood in for (test/mutate/cloudflare-test-in-node.ts: the worker's own fetch
// over a fake static-assets binding), as are the two workerd APIs the tested code needs.
const generated = path.resolve("test/.generated");
await generateSite(path.resolve("test/fixtures/site"), generated, { isForEdge: true });

export default defineConfig({
  resolve: {
    alias: {
      "edgeserve:manifest": path.join(generated, "manifest.js"),
      "cloudflare:test": path.resolve("test/mutate/cloudflare-test-in-node.ts"),
    },
  },
  test: {
    include: ["test/worker/**/*.test.ts", "test/manifest/**/*.test.ts"],
    exclude: [
      // They need the runtime itself: its disk binding, streaming HTMLRewriter or encodeBody (and
      // file-read's precompressed siblings depend on mtimes a sandbox copy does not keep).
      "test/worker/file-source.test.ts",
      "test/worker/file-read.test.ts",
      "test/worker/reload-inject.test.ts",
      "test/worker/reload-route.test.ts",
    ],
    environment: "node",
    setupFiles: ["test/mutate/html-rewriter.ts", "test/mutate/workerd-globals.ts"],
  },
});
