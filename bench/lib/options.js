import { parseArgs } from "node:util";

/**
 * edgeserve-quiet is edgeserve with --quiet, to price the request log (on by default); bare is the
 * folder as static assets under `wrangler dev`, no worker. Both are opt-in: the targets are
 * against python, and the bare runtime doubles the run's length.
 */
export const SERVER_KINDS = ["edgeserve", "edgeserve-quiet", "python", "bare"];
const DEFAULT_SERVERS = ["edgeserve", "python"];
const TREES = ["1k", "20k", "95k"];

export const BENCH_HELP = `npm run bench -- [options]

  --quick            2 s per workload, one round, trees 1k and 20k only (1–2 minutes)
  --duration S       seconds of load per workload and server (default 4; --quick 2)
  --rounds N         rounds of the whole load matrix; medians are reported (default 3; --quick 1)
  --connections N    wrk connections (default 32)
  --trees LIST       start-up and change trees, from ${TREES.join(",")} (default all; --quick 1k,20k)
  --servers LIST     from ${SERVER_KINDS.join(",")} (default ${DEFAULT_SERVERS.join(",")})
  --json             print the results as JSON instead of tables
  --out FILE         write the JSON to FILE (tables still go to stdout)
  -h, --help         this help
`;

export function parseBenchOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean" },
      duration: { type: "string" },
      rounds: { type: "string" },
      connections: { type: "string" },
      trees: { type: "string" },
      servers: { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  const isQuick = values.quick === true;
  const servers = listOf(values.servers, DEFAULT_SERVERS, SERVER_KINDS, "--servers");
  // Every target is a ratio to python or a figure of edgeserve's.
  for (const required of DEFAULT_SERVERS) if (!servers.includes(required)) throw new Error(`--servers must include ${required}`);
  return {
    isHelp: values.help === true,
    isQuick,
    isJson: values.json === true,
    outFile: values.out ?? null,
    // python's listen backlog is 5: connections it drops retry after 1 s, so a 1 s run can see none answered.
    durationSeconds: positiveNumber(values.duration, isQuick ? 2 : 4, "--duration", 120),
    rounds: positiveNumber(values.rounds, isQuick ? 1 : 3, "--rounds", 10),
    connections: positiveNumber(values.connections, 32, "--connections", 1000),
    trees: listOf(values.trees, isQuick ? ["1k", "20k"] : TREES, TREES, "--trees"),
    servers,
  };
}

function positiveNumber(text, fallback, flag, max) {
  if (text === undefined) return fallback;
  const number = Number(text);
  if (!Number.isFinite(number) || number <= 0 || number > max) throw new Error(`${flag} takes a number from 1 to ${max}`);
  return number;
}

function listOf(text, fallback, allowed, flag) {
  if (text === undefined) return fallback;
  const items = text.split(",").filter(Boolean);
  for (const item of items) if (!allowed.includes(item)) throw new Error(`${flag}: ${item} is not one of ${allowed.join(", ")}`);
  return allowed.filter((item) => items.includes(item));
}
