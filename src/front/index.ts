/**
 * The front worker: owns the user's port and passes every request to the worker behind it.
 * When files are added or removed the assets binding must be re-indexed, which takes a new
 * runtime: the CLI starts it beside the old one, switches this front over, waits for the old
 * one's requests to finish, then stops it. No request is held or fails (issue 5); a request that
 * finds no runtime at all (it crashed) is retried for a while.
 * Built by `npm run build` into dist/workers/front/index.js; started by src/cli/runtime.ts.
 */
import { CONTROL_TOKEN_HEADER, FRONT_CONTROL_PREFIX } from "../shared/control.js";

export interface FrontEnv {
  /** "http://127.0.0.1:PORT" of the worker behind. */
  BACKEND: string;
  /** Secret of this run for the CLI's switch and drain calls. */
  CONTROL_TOKEN: string;
}

const POLL_MS = 20;
/** Longer than any restart; past it the runtime behind is gone, which the CLI reports itself. */
const MAX_HOLD_MS = 30_000;

// Module state is shared by all requests of this one isolate. Waiting is done by polling it:
// a Promise made in one request hangs when resolved from another (PLATFORM.md).
let backend: string | null = null;
const inFlight = new Map<string, number>();

const count = (target: string, change: number) => inFlight.set(target, (inFlight.get(target) ?? 0) + change);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default {
  async fetch(request: Request, env: FrontEnv): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.startsWith(FRONT_CONTROL_PREFIX) && request.headers.get(CONTROL_TOKEN_HEADER) === env.CONTROL_TOKEN) {
      return control(url.pathname.slice(FRONT_CONTROL_PREFIX.length), url.searchParams.get("backend") ?? "");
    }
    const canRetry = request.method === "GET" || request.method === "HEAD";
    const started = Date.now();
    for (;;) {
      const target = backend ?? env.BACKEND;
      count(target, 1);
      try {
        const response = await fetch(target + url.pathname + url.search, {
          method: request.method,
          headers: request.headers,
          body: canRetry ? null : request.body,
          redirect: "manual",
        });
        return trackBody(response, target);
      } catch {
        count(target, -1);
        if (!canRetry || Date.now() - started > MAX_HOLD_MS) {
          return new Response("edgeserve: the Workers runtime is not answering; try again.\n", { status: 503, headers: { "Retry-After": "1" } });
        }
        await sleep(POLL_MS);
      }
    }
  },
};

/** A request stays in flight until its body has been read out, so draining a runtime waits for it. */
function trackBody(response: Response, target: string): Response {
  const done = () => count(target, -1);
  const header = response.headers.get("Content-Length");
  const length = Number(header);
  if (response.body === null) {
    done();
    return response;
  }
  if (header === null || !Number.isSafeInteger(length)) {
    const [forClient, forCount] = response.body.tee();
    void forCount.pipeTo(new WritableStream()).catch(() => undefined).finally(done);
    return new Response(forClient, response);
  }
  // FixedLengthStream keeps Content-Length on the way out.
  const { readable, writable } = new FixedLengthStream(length);
  void response.body.pipeTo(writable).catch(() => undefined).finally(done);
  return new Response(readable, response);
}

/** `switch?backend=URL` sends new requests there; `drain?backend=URL` answers once that one is idle. */
async function control(action: string, target: string): Promise<Response> {
  if (action === "switch" && target.startsWith("http://127.0.0.1:")) {
    backend = target;
    return new Response(null, { status: 204 });
  }
  if (action === "drain") {
    const started = Date.now();
    while ((inFlight.get(target) ?? 0) > 0 && Date.now() - started < MAX_HOLD_MS) await sleep(POLL_MS);
    inFlight.delete(target);
    return new Response(null, { status: 204 });
  }
  return new Response(null, { status: 404 });
}
