/** Reads Server-Sent Events from a fetch body (Node has no EventSource before 22). */

export interface ServerSentEvent {
  event: string;
  data: string;
  /** performance.now() when it arrived. */
  at: number;
}

export interface EventReader {
  next(timeoutMs?: number): Promise<ServerSentEvent>;
  close(): Promise<void>;
}

export async function openEvents(url: string): Promise<EventReader> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  if (response.status !== 200 || response.body === null) throw new Error(`event stream answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const queue: ServerSentEvent[] = [];
  let buffer = "";
  const fill = async () => {
    const { value, done } = await reader.read();
    if (done) throw new Error("the event stream ended");
    buffer += value;
    const at = performance.now();
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        block
          .split("\n")
          .find((line) => line.startsWith(`${name}: `))
          ?.slice(name.length + 2);
      const event = field("event");
      if (event !== undefined) queue.push({ event, data: field("data") ?? "", at });
    }
  };
  return {
    async next(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0) {
        if (Date.now() > deadline) throw new Error("no event in time");
        await Promise.race([fill(), new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())))]);
      }
      return queue.shift() as ServerSentEvent;
    },
    async close() {
      controller.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}
