import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeFolder, type RunningCli, startCli } from "../helpers/cli.js";
import { openEvents } from "../helpers/events.js";

const running: RunningCli[] = [];
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
});

const PAGE = '<!doctype html><link rel="stylesheet" href="css/site.css"><h1>page</h1>';

describe("--reload through the CLI", () => {
  it("tells an open page css for a stylesheet edit and reload for anything else", async () => {
    const folder = await makeFolder({ "index.html": PAGE, "css/site.css": "h1{color:red}" });
    const server = await startCli([folder, "--port", "0", "--reload"]);
    running.push(server);
    const page = await fetch(server.url);
    expect(await page.text()).toMatch(
      /^<!doctype html>.*<h1>page<\/h1><script>\(\(\) => \{\n {2}const events = new EventSource\("\/\.edgeserve\/events"\);/s,
    );
    expect(page.headers.get("Content-Length")).toBeNull();
    const events = await openEvents(`${server.url}.edgeserve/events`);
    await writeFile(path.join(folder, "css", "site.css"), "h1{color:blue}");
    expect(await events.next()).toMatchObject({ event: "css", data: '["css/site.css"]' });
    await writeFile(path.join(folder, "index.html"), `${PAGE}<p>more</p>`);
    expect(await events.next()).toMatchObject({ event: "reload", data: '["index.html"]' });
    await mkdir(path.join(folder, "img"));
    expect(await events.next()).toMatchObject({ event: "reload", data: '["img/"]' });
    await events.close();
  });

  it("reaches an open page within 300 ms of an edit in a 20,000-file folder", async () => {
    const folder = await makeFolder({ "index.html": PAGE, "css/site.css": "h1{}" });
    for (let directory = 0; directory < 200; directory += 1) {
      await mkdir(path.join(folder, `d${directory}`));
      await Promise.all(Array.from({ length: 100 }, (_, index) => writeFile(path.join(folder, `d${directory}`, `f${index}.txt`), "x")));
    }
    const server = await startCli([folder, "--port", "0", "--reload"]);
    running.push(server);
    const events = await openEvents(`${server.url}.edgeserve/events`);
    // The first change may meet the watcher's reconcile pass after start-up: not counted.
    await writeFile(path.join(folder, "warm-up.txt"), "x");
    await events.next();
    const latencies: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const file = attempt % 2 === 0 ? "index.html" : path.join("css", "site.css");
      const started = performance.now();
      await writeFile(path.join(folder, file), `${PAGE}<!-- ${attempt} -->`);
      const event = await events.next();
      latencies.push(event.at - started);
      expect(event.event).toBe(attempt % 2 === 0 ? "reload" : "css");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await events.close();
    const sorted = [...latencies].sort((left, right) => left - right);
    console.log(`--reload latency on 20,001 files, ms: ${latencies.map(Math.round).join(", ")}; median ${Math.round(sorted[3] ?? 0)}`);
    expect(sorted[3]).toBeLessThan(300);
  });
});

describe("without --reload", () => {
  it("serves HTML as it is on disk, with its length, and has no event stream", async () => {
    const folder = await makeFolder({ "index.html": PAGE });
    const server = await startCli([folder, "--port", "0"]);
    running.push(server);
    const page = await fetch(server.url);
    expect(await page.text()).toBe(PAGE);
    expect(page.headers.get("Content-Length")).toBe(String(PAGE.length));
    expect(page.headers.get("ETag")).toMatch(/^"/);
    const listing = await fetch(`${server.url}?format=html`, { headers: { Accept: "text/html" } });
    expect(await listing.text()).not.toContain("EventSource");
    const events = await fetch(`${server.url}.edgeserve/events`);
    expect(events.status).toBe(404);
    await events.arrayBuffer();
  });
});
