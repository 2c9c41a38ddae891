import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { median } from "./measure.js";
import { startServer } from "./servers.js";

/**
 * time from spawning the command to the first 200 on `/` of a small folder (the
 * checkout's public/), as a user meets it. Start-up this short is mostly fixed cost (Node, imports,
 * workerd), so each command runs several times and the median counts. `npm start` rebuilds
 * before it serves, so it runs once, for the record.
 */
const PUBLIC = fileURLToPath(new URL("../../public", import.meta.url));
const RUNS = 5;
const COMMANDS = [
  { kind: "edgeserve", label: "node bin/edgeserve.js public", runs: RUNS },
  { kind: "python", label: "python3 -m http.server -d public", runs: RUNS },
  { kind: "npm-start", label: "npm start", runs: 1 },
];

export async function measureFirstAnswer({ workRoot, log }) {
  const results = [];
  for (const { kind, label, runs } of COMMANDS) {
    const startups = [];
    const banners = [];
    for (let run = 0; run < runs; run += 1) {
      log(`first answer: ${label} (${run + 1}/${runs})`);
      const server = await startServer(kind, { directory: PUBLIC, workRoot });
      await server.stop();
      startups.push(server.startupMs);
      banners.push(readBannerSeconds(server.logFile));
    }
    results.push({
      kind,
      label,
      runs,
      medianMs: median(startups),
      minMs: Math.min(...startups),
      maxMs: Math.max(...startups),
      bannerSeconds: median(banners),
    });
  }
  return results;
}

/** The "Ready in X s" edgeserve prints, to set its own clock beside the one from spawn. */
function readBannerSeconds(logFile) {
  const match = /Ready in ([\d.]+) s/.exec(readFileSync(logFile, "utf8"));
  return match ? Number(match[1]) : null;
}
