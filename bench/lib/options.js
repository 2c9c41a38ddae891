import { parseArgs } from "node:util";

export const SERVER_KINDS = ["edgeserve", "python", "bare"];

export const BENCH_HELP = `npm run bench -- [options]

  --quick            1 s per workload, one round, trees 1k and 20k only (a couple of minutes)
  --duration S       seconds of load per workload and server (default 4; --quick 1)
  --rounds N         rounds of the whole load matrix; medians are reported (default 3; --quick 1)
  --connections N    wrk connections (default 32)
  --trees LIST       start-up trees, from 1k,20k,95k (default all; --quick 1k,20k)
  --servers LIST     from edgeserve,python,bare (default all)
  --bare MODE        cli: \`wrangler dev\` (default); api: unstable_startWorker with the inspector off
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
      bare: { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  const isQuick = values.quick === true;
  return {
    isHelp: values.help === true,
    isQuick,
    isJson: values.json === true,
    outFile: values.out ?? null,
    durationSeconds: positiveNumber(values.duration, isQuick ? 1 : 4, "--duration", 120),
    rounds: positiveNumber(values.rounds, isQuick ? 1 : 3, "--rounds", 10),
    connections: positiveNumber(values.connections, 32, "--connections", 1000),
    trees: listOf(values.trees, isQuick ? ["1k", "20k"] : ["1k", "20k", "95k"], ["1k", "20k", "95k"], "--trees"),
    servers: listOf(values.servers, SERVER_KINDS, SERVER_KINDS, "--servers"),
    bareMode: oneOf(values.bare, "cli", ["cli", "api"], "--bare"),
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

function oneOf(text, fallback, allowed, flag) {
  if (text === undefined) return fallback;
  if (!allowed.includes(text)) throw new Error(`${flag} takes ${allowed.join(" or ")}`);
  return text;
}
