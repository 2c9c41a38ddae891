/**
 * --reload, the worker's half: what the CLI's manifest pushes said changed, and one Server-Sent
 * Events stream per open page. A stream polls this module's state on its own timer rather than
 * being written to by the push: an I/O object made in one request cannot be used from another, and
 * a Promise made in one request hangs when another resolves it (docs/runtime-facts.md).
 */

export type ReloadKind = "css" | "reload";

interface Change {
  generation: number;
  paths: readonly string[];
}

/** Enough for a stream to catch up after a burst of pushes between two of its polls. */
const KEPT_CHANGES = 64;
const POLL_MS = 50;
/** A comment line this often keeps proxies and the browser from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

let changes: Change[] = [];
let latestGeneration = 0;
/** The newest generation no longer kept: a stream that has not seen it cannot know what changed. */
let droppedGeneration = 0;

/** Called by the manifest push with its generation and changed keys (src/cli/changes.ts). */
export function recordChange(generation: number, paths: readonly string[]): void {
  changes = [...changes, { generation, paths }];
  if (changes.length > KEPT_CHANGES)
    droppedGeneration = changes.splice(0, changes.length - KEPT_CHANGES).at(-1)?.generation ?? droppedGeneration;
  latestGeneration = generation;
}

/** The keys changed after `generation`, or null when older changes were already dropped. */
export function changesSince(generation: number): string[] | null {
  if (generation < droppedGeneration) return null;
  return changes.filter((change) => change.generation > generation).flatMap((change) => change.paths);
}

/** Only stylesheets changed: swap them in place; anything else (or not knowing) reloads the page. */
export function decideReload(paths: readonly string[] | null): ReloadKind {
  if (paths === null || paths.length === 0) return "reload";
  return paths.every((path) => path.toLowerCase().endsWith(".css")) ? "css" : "reload";
}

/** One event per change: `event: css|reload`, the changed keys as JSON data. */
export function formatEvent(kind: ReloadKind, generation: number, paths: readonly string[] | null): string {
  return `event: ${kind}\nid: ${generation}\ndata: ${JSON.stringify(paths ?? [])}\n\n`;
}

export interface EventStreamTiming {
  pollMs: number;
  heartbeatMs: number;
}

/**
 * The stream one page listens to. It starts at the generation served when it opens; each pull
 * waits, polling, until a push has come or a heartbeat is due, so the runtime reads no faster than
 * the client does, and a client that goes away cancels the stream, which ends the polling.
 */
export function createEventStream(timing: EventStreamTiming = { pollMs: POLL_MS, heartbeatMs: HEARTBEAT_MS }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let seen = latestGeneration;
  let isCancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // Sent at once, so the browser sees the stream open; a lost stream is retried after 0.5 s.
        controller.enqueue(encoder.encode("retry: 500\n: edgeserve live reload\n\n"));
      },
      async pull(controller) {
        const started = Date.now();
        while (!isCancelled) {
          await new Promise((resolve) => setTimeout(resolve, timing.pollMs));
          if (isCancelled) return;
          if (latestGeneration !== seen) {
            const paths = changesSince(seen);
            seen = latestGeneration;
            return controller.enqueue(encoder.encode(formatEvent(decideReload(paths), seen, paths)));
          }
          if (Date.now() - started >= timing.heartbeatMs) return controller.enqueue(encoder.encode(": heartbeat\n\n"));
        }
      },
      cancel() {
        isCancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
}
