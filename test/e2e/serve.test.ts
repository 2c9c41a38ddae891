import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFolder, startCli, type RunningCli } from "../helpers/cli.js";

describe("npx edgeserve DIR", () => {
  let server: RunningCli;
  beforeAll(async () => {
    const folder = await makeFolder({ "index.txt": "hi\n", "page.html": "<p>page</p>\n", "sub/a.txt": "a\n" });
    server = await startCli([folder, "--port", "0"]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("serves a file over a real socket", async () => {
    const response = await fetch(new URL("index.txt", server.url));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("hi\n");
  });
});
