import { unstable_startWorker } from "wrangler";

/**
 * The bench's "bare runtime": a folder as static assets with no worker, started through
 * wrangler's API with the DevTools inspector off, the way edgeserve starts its own worker.
 * Usage: node bench/bare-worker.js WRANGLER_JSON PORT (stops on SIGINT or SIGTERM).
 */
const [configPath, port] = process.argv.slice(2);
const worker = await unstable_startWorker({
  config: configPath,
  dev: {
    server: { hostname: "127.0.0.1", port: Number(port) },
    inspector: false,
    watch: true,
    liveReload: false,
    logLevel: "error",
    persist: false,
  },
});
await worker.ready;
process.stdout.write(`bare runtime ready on ${(await worker.url).href}\n`);
const stop = async () => {
  await worker.dispose().catch(() => undefined);
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
