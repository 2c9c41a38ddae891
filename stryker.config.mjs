// @ts-check
/**
 * `npm run mutate`: Stryker over the worker's pure modules and the folder index (src/manifest).
 * The tests run in plain Node (vitest.mutate.config.mts, with stand-ins for cloudflare:test);
 * the modules only the runtime can run are listed under "not mutated".
 * @type {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.mts" },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: [
    "src/worker/**/*.ts",
    "src/manifest/**/*.ts",
    // Not mutated: what only the runtime can run, tested there instead. workerd's disk-directory
    // service (test/worker/file-source.test.ts), HTMLRewriter's streaming (reload-inject.ts:
    // test/worker/reload-inject.test.ts, the browser test) and encodeBody (encoded-response.ts and
    // file-read.ts: test/worker/file-read.test.ts, test/e2e/content.test.ts).
    "!src/worker/disk-files.ts",
    "!src/worker/reload-inject.ts",
    "!src/worker/encoded-response.ts",
    "!src/worker/file-read.ts",
    // Types only, and the three-line entry point of wrangler.toml's [build].
    "!src/worker/env.ts",
    "!src/worker/**/*.d.ts",
    "!src/manifest/main.ts",
  ],
  ignorePatterns: ["dist", "bench", "artifacts", "docs", "public", "test/.generated", ".wrangler", ".edgeserve", "reports"],
  coverageAnalysis: "perTest",
  // Mutants of module-level constants (the page's style, regexes, title tables) need the whole
  // suite each: ~7% of the mutants and over half the run time. Not run; the report lists them.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: ".stryker-tmp",
  // A re-run tests only mutants whose code or covering tests changed since the last report.
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
};
