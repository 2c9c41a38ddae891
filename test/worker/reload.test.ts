import { describe, expect, it } from "vitest";
import { changesSince, createEventStream, decideReload, formatEvent, recordChange } from "../../src/worker/reload.js";

describe("decideReload", () => {
  it.each<[string[] | null, string]>([
    [["css/site.css"], "css"],
    [["a.css", "b/PRINT.CSS"], "css"],
    [["a.css", "index.html"], "reload"],
    [["app.js"], "reload"],
    [["css/"], "reload"],
    [["style.css.map"], "reload"],
    [[], "reload"],
    [null, "reload"],
  ])("%j → %s", (paths, kind) => {
    expect(decideReload(paths)).toBe(kind);
  });
});

describe("the event stream", () => {
  const decoder = new TextDecoder();
  const timing = { pollMs: 5, heartbeatMs: 60_000 };

  it("opens with a retry delay, then sends one event per push, stylesheet-only ones as css", async () => {
    const reader = createEventStream(timing).getReader();
    expect(decoder.decode((await reader.read()).value)).toBe("retry: 500\n: edgeserve live reload\n\n");
    recordChange(101, ["site.css"]);
    expect(decoder.decode((await reader.read()).value)).toBe('event: css\nid: 101\ndata: ["site.css"]\n\n');
    recordChange(102, ["site.css"]);
    recordChange(103, ["index.html"]);
    expect(decoder.decode((await reader.read()).value)).toBe(formatEvent("reload", 103, ["site.css", "index.html"]));
    await reader.cancel();
  });

  it("sends a comment when nothing happened for the heartbeat's interval", async () => {
    const reader = createEventStream({ pollMs: 5, heartbeatMs: 20 }).getReader();
    await reader.read();
    expect(decoder.decode((await reader.read()).value)).toBe(": heartbeat\n\n");
    await reader.cancel();
  });

  it("reloads when the changes it missed were already dropped", () => {
    for (let generation = 200; generation < 300; generation += 1) recordChange(generation, ["a.css"]);
    expect(changesSince(299)).toEqual([]);
    expect(changesSince(298)).toEqual(["a.css"]);
    expect(changesSince(150)).toBeNull();
  });
});
