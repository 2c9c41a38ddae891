import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sleep } from "./processes.js";
import { getStatus } from "./servers.js";

/**
 * Issues 5 and 13: how long a file added to (then deleted from) the served folder takes to show
 * in its listing and to be served, per server. The probe file goes into the tree's `listing/` folder
 * and is removed again, so the cached tree is left as it was.
 */
const POLL_MS = 20;
const DEADLINE_MS = 30_000;

export async function measureChange(server, tree) {
  const probe = path.join(tree.directory, "listing", "zz-live-probe.txt");
  const fileUrl = `${server.baseUrl}/listing/zz-live-probe.txt`;
  const listingUrl = `${server.baseUrl}/listing/?format=json`;
  const isListed = async () => (await fetchText(listingUrl)).includes("zz-live-probe.txt");
  try {
    let started = performance.now();
    writeFileSync(probe, "probe\n");
    const listing = server.kind === "bare" ? null : until(isListed, started);
    const served = until(async () => (await getStatus(fileUrl, 2_000)) === 200, started);
    const [listedMs, servedMs] = await Promise.all([listing, served]);
    started = performance.now();
    rmSync(probe, { force: true });
    const unlisting = server.kind === "bare" ? null : until(async () => !(await isListed()), started);
    const gone = until(async () => (await getStatus(fileUrl, 2_000)) === 404, started);
    const [unlistedMs, goneMs] = await Promise.all([unlisting, gone]);
    return { listedMs, servedMs, unlistedMs, goneMs };
  } finally {
    rmSync(probe, { force: true });
  }
}

/** Milliseconds from `started` until `check` holds, polled; null past the deadline. */
async function until(check, started) {
  while (performance.now() - started < DEADLINE_MS) {
    if (await check()) return performance.now() - started;
    await sleep(POLL_MS);
  }
  return null;
}

async function fetchText(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return await response.text();
  } catch {
    return "";
  }
}
