import path from "node:path";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { generateSite } from "./src/manifest/generate.js";
import { linkFolderOf } from "./src/manifest/write.js";

// The pool does not run wrangler's [build] (workers-sdk #9832): index the fixture here, before
// the worker project reads test/wrangler.test.toml.
const generated = path.resolve("test/.generated");
await generateSite(path.resolve("test/fixtures/site"), generated);

export default defineConfig({
  test: {
    projects: [
      // The worker's suite runs twice, once on each file binding it can be given.
      {
        plugins: [cloudflareTest({ wrangler: { configPath: "./test/wrangler.test.toml" } })],
        resolve: { alias: { "edgeserve:manifest": path.join(generated, "manifest.js") } },
        test: { name: "workers", include: ["test/worker/**/*.test.ts"] },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./test/wrangler.test.toml" },
            miniflare: {
              bindings: { EXPECTED_FILE_BINDING: "disk" },
              serviceBindings: { FILES: { disk: { path: linkFolderOf(path.join(generated, "assets")), writable: false } } },
            },
          }),
        ],
        resolve: { alias: { "edgeserve:manifest": path.join(generated, "manifest.js") } },
        test: { name: "workers-disk", include: ["test/worker/**/*.test.ts"] },
      },
      {
        test: {
          name: "node",
          include: [
            "test/shared/**/*.test.ts",
            "test/manifest/**/*.test.ts",
            "test/cli/**/*.test.ts",
            "test/e2e/**/*.test.ts",
            "test/bench/**/*.test.ts",
          ],
          exclude: ["test/e2e/browser.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // `npm run test:browser`: Debian's Chromium through playwright-core (.ci/run installs it).
        test: { name: "browser", include: ["test/e2e/browser.test.ts"], environment: "node", testTimeout: 120_000, hookTimeout: 120_000 },
      },
    ],
  },
});
