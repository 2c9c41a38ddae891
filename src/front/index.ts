/**
 * The front worker: owns the user's port and passes every request to the worker behind it.
 * While the CLI restarts the runtime behind it (new files need the assets binding re-indexed),
 * it holds GET and HEAD and retries them, so a live folder never fails a request (issue 5).
 * Built by `npm run build` into dist/workers/front/index.js; started by src/cli/runtime.ts.
 */
import { CONTROL_TOKEN_HEADER, FRONT_CONTROL_PREFIX } from "../shared/control.js";

export interface FrontEnv {
  /** "http://127.0.0.1:PORT" of the worker behind. */
  BACKEND: string;
  /** Secret for the pause and play calls of the CLI. */
  CONTROL_TOKEN: string;
}

const POLL_MS = 20;
/** Longer than any restart; past it the runtime behind is gone, which the CLI reports itself. */
const MAX_HOLD_MS = 30_000;

// Module state is shared by all requests of this one isolate. Waiting is done by polling it:
// a Promise made in one request hangs when resolved from another (PLATFORM.md).
let isPaused = false;
let inFlight = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default {
  async fetch(request: Request, env: FrontEnv): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.startsWith(FRONT_CONTROL_PREFIX) && request.headers.get(CONTROL_TOKEN_HEADER) === env.CONTROL_TOKEN) {
      return control(url.pathname.slice(FRONT_CONTROL_PREFIX.length));
    }
    const canRetry = request.method === "GET" || request.method === "HEAD";
    const started = Date.now();
    for (;;) {
      while (isPaused && Date.now() - started < MAX_HOLD_MS) await sleep(POLL_MS);
      inFlight += 1;
      try {
        const response = await fetch(env.BACKEND + url.pathname + url.search, {
          method: request.method,
          headers: request.headers,
          body: canRetry ? null : request.body,
          redirect: "manual",
        });
        return trackBody(response);
      } catch {
        inFlight -= 1;
        if (!canRetry || Date.now() - started > MAX_HOLD_MS) {
          return new Response("edgeserve: the runtime is restarting; try again.\n", { status: 503, headers: { "Retry-After": "1" } });
        }
        await sleep(POLL_MS);
      }
    }
  },
};

/** A request stays in flight until its body has been read out, so a pause waits for it. */
function trackBody(response: Response): Response {
  const length = Number(response.headers.get("Content-Length"));
  if (response.body === null || !Number.isSafeInteger(length) || response.headers.get("Content-Length") === null) {
    if (response.body === null) inFlight -= 1;
    else void response.clone().arrayBuffer().finally(() => (inFlight -= 1));
    return response;
  }
  // FixedLengthStream keeps Content-Length on the way out.
  const { readable, writable } = new FixedLengthStream(length);
  void response.body.pipeTo(writable).catch(() => undefined).finally(() => (inFlight -= 1));
  return new Response(readable, response);
}

async function control(action: string): Promise<Response> {
  if (action === "pause") {
    isPaused = true;
    const started = Date.now();
    while (inFlight > 0 && Date.now() - started < MAX_HOLD_MS) await sleep(POLL_MS);
    return new Response(null, { status: 204 });
  }
  if (action === "play") {
    isPaused = false;
    return new Response(null, { status: 204 });
  }
  return new Response(null, { status: 404 });
}
