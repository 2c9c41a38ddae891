import { directories } from "edgeserve:manifest";
import { Hono } from "hono";
import { CONTROL_TOKEN_HEADER, MANIFEST_PUSH_PATH, RELOAD_EVENTS_PATH } from "../shared/control.js";
import { applyManifestPush, type ManifestDirectories, type ManifestPush } from "../shared/manifest.js";
import { type RequestTarget, splitRequestUrl } from "../shared/paths.js";
import { INTERNAL_ERROR_PREFIX, REQUEST_LOG_MARKER, type RequestLogRecord } from "../shared/request-log.js";
import { isAuthorized } from "./auth.js";
import { readConfig } from "./config.js";
import { addCorsHeaders, decideOptions, isPreflight } from "./cors.js";
import type { Env } from "./env.js";
import { applyExtraHeaders } from "./extra-headers.js";
import { createManifestIndex } from "./manifest-index.js";
import { prefersJson } from "./negotiate.js";
import { decideRead } from "./read.js";
import { createEventStream, recordChange } from "./reload.js";
import { injectReloadScript } from "./reload-inject.js";
import { type ResponseContext, respond } from "./respond.js";

// Replaced whole by the CLI's manifest push (below), so a request sees the old or the new one.
let served = { generation: 0, directories: directories as ManifestDirectories };
let manifest = createManifestIndex(served.directories);

/** All request headers together (RFC 6585 §5: 431), for every method. The runtime accepts far more. */
const MAX_HEADER_BYTES = 16 * 1024;

type AppEnv = { Bindings: Env; Variables: { context: ResponseContext; target: RequestTarget } };
const app = new Hono<AppEnv>();

// Routes decide an outcome; `respond` (src/worker/respond.ts) is the one place that answers.

app.use("*", async (c, next) => {
  // The URL is split once per request: the context, the read and the log line all use it.
  const target = splitRequestUrl(c.req.raw.url);
  const context = contextFor(c.req.raw, c.env, target);
  c.set("context", context);
  c.set("target", target);
  const started = Date.now();
  if (measureHeaders(c.req.raw.headers) > MAX_HEADER_BYTES) c.res = await respond({ kind: "headers-too-large" }, context);
  else await next();
  finishResponse(c.res, context);
  if (context.config.isRequestLogOn && c.res.status !== 204) logRequest(c.req.raw, target, c.res, Date.now() - started);
});

// The CLI pushes an updated manifest here when the folder changes (src/cli/runtime.ts). Without
// the run's secret token it is just another 405.
app.post(MANIFEST_PUSH_PATH, async (c, next) => {
  const token = c.env.CONTROL_TOKEN;
  if (!token || c.req.header(CONTROL_TOKEN_HEADER) !== token) return next();
  const push = await c.req.json<ManifestPush>();
  if (push.base !== null && push.base !== served.generation)
    return respond({ kind: "manifest-out-of-step", generation: served.generation }, c.get("context"));
  served = { generation: push.generation, directories: applyManifestPush(served.directories, push) };
  manifest = createManifestIndex(served.directories);
  if (c.get("context").config.isReloadOn) recordChange(push.generation, push.changedPaths ?? []);
  return respond({ kind: "manifest-taken", generation: push.generation }, c.get("context"));
});

// --auth on every path, after the control push (its own token guards it). A CORS preflight passes:
// browsers send it without credentials (Fetch standard), and it answers only which methods and
// headers may be used.
app.use("*", async (c, next) => {
  const { config } = c.get("context");
  if (isPreflight(c.req.raw, config) || (await isAuthorized(c.req.header("Authorization") ?? null, config.auth))) return next();
  return respond({ kind: "unauthorized" }, c.get("context"));
});
// --reload: one event stream per open page (src/worker/reload.ts). Without it, an ordinary 404.
app.get(RELOAD_EVENTS_PATH, (c, next) =>
  c.get("context").config.isReloadOn && !c.get("context").isHead
    ? respond({ kind: "reload-events", body: createEventStream() }, c.get("context"))
    : next(),
);

app.on(["GET", "HEAD"], "*", async (c) => {
  const context = c.get("context");
  const response = await respond(
    await decideRead({ request: c.req.raw, target: c.get("target"), config: context.config, manifest, wantsJson: context.wantsJson }),
    context,
  );
  return context.config.isReloadOn ? injectReloadScript(response) : response;
});
app.options("*", (c) => respond(decideOptions(c.req.raw, c.get("context").config), c.get("context")));
app.all("*", (c) => respond({ kind: "method-not-allowed" }, c.get("context")));

app.onError((error, c) => {
  console.error(`${INTERNAL_ERROR_PREFIX}${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return respond({ kind: "internal-error" }, contextFor(c.req.raw, c.env));
});

function contextFor(request: Request, env: Env, { query } = splitRequestUrl(request.url)): ResponseContext {
  return {
    isHead: request.method === "HEAD",
    wantsJson: prefersJson(request.headers.get("Accept"), query.get("format")),
    config: readConfig(env),
  };
}

/** Headers every answer carries, errors included. */
function finishResponse(response: Response, { config }: ResponseContext): void {
  response.headers.set("X-Content-Type-Options", "nosniff");
  // RFC 9110 §6.6.1: an origin server with a clock sends Date; workerd adds none.
  response.headers.set("Date", new Date().toUTCString());
  if (config.isPreview) response.headers.set("X-Robots-Tag", "noindex");
  addCorsHeaders(response.headers, config);
  applyExtraHeaders(response.headers, config.extraHeaders);
}

function measureHeaders(headers: Headers): number {
  let bytes = 0;
  headers.forEach((value, name) => {
    bytes += name.length + value.length + 4;
  });
  return bytes;
}

function logRequest(request: Request, { pathname, search }: RequestTarget, response: Response, ms: number): void {
  const bytes = Number(response.headers.get("Content-Length") ?? 0);
  const record: RequestLogRecord = { method: request.method, path: pathname + search, status: response.status, bytes, ms };
  console.log(REQUEST_LOG_MARKER + JSON.stringify(record));
}

export default app;
