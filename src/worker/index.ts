import { Hono } from "hono";
import { directories } from "edgeserve:manifest";
import { CONTROL_TOKEN_HEADER, MANIFEST_PUSH_PATH } from "../shared/control.js";
import type { ManifestData } from "../shared/manifest.js";
import { REQUEST_LOG_MARKER, type RequestLogRecord } from "../shared/request-log.js";
import { readConfig, type Config } from "./config.js";
import type { Env } from "./env.js";
import { contextFor, handleRead } from "./handle.js";
import { createManifestIndex } from "./manifest-index.js";
import { ALLOWED_METHODS, respondWithError } from "./respond.js";

// Replaced whole by the CLI's manifest push (below), so a request sees the old or the new one.
let manifest = createManifestIndex(directories);

type AppEnv = { Bindings: Env; Variables: { config: Config } };
const app = new Hono<AppEnv>();

app.use("*", async (c, next) => {
  const config = readConfig(c.env);
  c.set("config", config);
  const started = Date.now();
  await next();
  c.res.headers.set("X-Content-Type-Options", "nosniff");
  if (config.isPreview) c.res.headers.set("X-Robots-Tag", "noindex");
  if (config.isRequestLogOn && c.res.status !== 204) logRequest(c.req.raw, c.res, Date.now() - started);
});

// The CLI pushes an updated manifest here when files change (src/cli/runtime.ts): no restart is
// needed for edits. Without the run's secret token it is just another 405.
app.post(MANIFEST_PUSH_PATH, async (c, next) => {
  const token = c.env.CONTROL_TOKEN;
  if (!token || c.req.header(CONTROL_TOKEN_HEADER) !== token) return next();
  manifest = createManifestIndex((await c.req.json<ManifestData>()).directories);
  return new Response(null, { status: 204 });
});

app.on(["GET", "HEAD"], "*", (c) => handleRead({ request: c.req.raw, config: c.get("config"), manifest, assets: c.env.ASSETS }));
app.options("*", () => new Response(null, { status: 204, headers: { Allow: ALLOWED_METHODS } }));
app.all("*", (c) => respondWithError(405, "Only GET, HEAD and OPTIONS are served.", contextFor(c.req.raw, c.get("config"))));

app.onError((error, c) => {
  console.error(`edgeserve: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return respondWithError(500, "Something went wrong inside edgeserve.", contextFor(c.req.raw, readConfig(c.env)));
});

function logRequest(request: Request, response: Response, ms: number): void {
  const { pathname, search } = new URL(request.url);
  const bytes = Number(response.headers.get("Content-Length") ?? 0);
  const record: RequestLogRecord = { method: request.method, path: pathname + search, status: response.status, bytes, ms };
  console.log(REQUEST_LOG_MARKER + JSON.stringify(record));
}

export default app;
