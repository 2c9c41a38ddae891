import { Hono } from "hono";
import { directories } from "edgeserve:manifest";
import { CONTROL_TOKEN_HEADER, GENERATION_HEADER, MANIFEST_PUSH_PATH } from "../shared/control.js";
import type { ManifestPush } from "../shared/manifest.js";
import { INTERNAL_ERROR_PREFIX, REQUEST_LOG_MARKER, type RequestLogRecord } from "../shared/request-log.js";
import { readConfig, type Config } from "./config.js";
import type { Env } from "./env.js";
import { contextFor, handleRead } from "./handle.js";
import { createManifestIndex } from "./manifest-index.js";
import { splitRequestUrl } from "./paths.js";
import { ALLOWED_METHODS, respondWithError } from "./respond.js";

// Replaced whole by the CLI's manifest push (below), so a request sees the old or the new one.
let manifest = createManifestIndex(directories);
let generation = 0;

/** All request headers together (RFC 6585 §5: 431), for every method. The runtime accepts far more. */
const MAX_HEADER_BYTES = 16 * 1024;

type AppEnv = { Bindings: Env; Variables: { config: Config } };
const app = new Hono<AppEnv>();

app.use("*", async (c, next) => {
  const config = readConfig(c.env);
  c.set("config", config);
  const started = Date.now();
  if (measureHeaders(c.req.raw.headers) > MAX_HEADER_BYTES) {
    c.res = await respondWithError(431, "The request's headers are too large.", contextFor(c.req.raw, config));
  } else {
    await next();
  }
  finishResponse(c.res, config);
  if (config.isRequestLogOn && c.res.status !== 204) logRequest(c.req.raw, c.res, Date.now() - started);
});

// The CLI pushes an updated manifest here when the folder changes (src/cli/runtime.ts). Without
// the run's secret token it is just another 405.
app.post(MANIFEST_PUSH_PATH, async (c, next) => {
  const token = c.env.CONTROL_TOKEN;
  if (!token || c.req.header(CONTROL_TOKEN_HEADER) !== token) return next();
  const push = await c.req.json<ManifestPush>();
  manifest = createManifestIndex(push.directories);
  generation = push.generation;
  return new Response(null, { status: 204, headers: { [GENERATION_HEADER]: String(generation) } });
});

app.on(["GET", "HEAD"], "*", (c) => handleRead({ request: c.req.raw, config: c.get("config"), manifest }));
app.options("*", () => new Response(null, { status: 204, headers: { Allow: ALLOWED_METHODS } }));
app.all("*", (c) => respondWithError(405, "Only GET, HEAD and OPTIONS are served.", contextFor(c.req.raw, c.get("config"))));

app.onError((error, c) => {
  console.error(`${INTERNAL_ERROR_PREFIX}${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return respondWithError(500, "Something went wrong inside edgeserve.", contextFor(c.req.raw, readConfig(c.env)));
});

/** Headers every answer carries, errors included. */
function finishResponse(response: Response, config: Config): void {
  response.headers.set("X-Content-Type-Options", "nosniff");
  // RFC 9110 §6.6.1: an origin server with a clock sends Date; workerd adds none.
  response.headers.set("Date", new Date().toUTCString());
  if (config.isPreview) response.headers.set("X-Robots-Tag", "noindex");
}

function measureHeaders(headers: Headers): number {
  let bytes = 0;
  headers.forEach((value, name) => (bytes += name.length + value.length + 4));
  return bytes;
}

function logRequest(request: Request, response: Response, ms: number): void {
  const { pathname, search } = splitRequestUrl(request.url);
  const bytes = Number(response.headers.get("Content-Length") ?? 0);
  const record: RequestLogRecord = { method: request.method, path: pathname + search, status: response.status, bytes, ms };
  console.log(REQUEST_LOG_MARKER + JSON.stringify(record));
}

export default app;
