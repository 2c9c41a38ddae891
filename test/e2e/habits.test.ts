import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeFolder, runCli, startCli } from "../helpers/cli.js";

/** the CLI typed the way python3 -m http.server, serve and http-server users type it. */

async function bodyOf(url: string): Promise<string> {
  return (await fetch(url)).text();
}

describe("python's habits, typed", () => {
  it.each<[string, (folder: string) => string[]]>([
    ["edgeserve 0 DIR", (folder) => ["0", folder]],
    ["edgeserve DIR 0", (folder) => [folder, "0"]],
    ["edgeserve -d DIR 0", (folder) => ["-d", folder, "0"]],
    ["edgeserve --directory DIR -b 127.0.0.1 -p 0", (folder) => ["--directory", folder, "-b", "127.0.0.1", "-p", "0"]],
  ])("%s serves DIR on a free port, and Ctrl-C says goodbye and exits 0", async (_, argsOf) => {
    const folder = await makeFolder({ "a.txt": "from the folder\n" });
    const server = await startCli(argsOf(folder), { direct: true });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.url).not.toMatch(/:0\/$/);
    expect(await bodyOf(new URL("a.txt", server.url).href)).toBe("from the folder\n");
    expect(await server.stop("SIGINT")).toBe(0);
    expect(server.output().stdout.trimEnd().split("\n").at(-1)).toBe("Stopping (Ctrl-C): goodbye.");
  });

  it("says goodbye once for SIGTERM too, exit 0", async () => {
    const folder = await makeFolder({ "a.txt": "a\n" });
    const server = await startCli([folder, "-p", "0", "-q"], { direct: true });
    expect(await server.stop("SIGTERM")).toBe(0);
    expect(server.output().stdout.match(/goodbye/g)).toEqual(["goodbye"]);
    expect(server.output().stdout).toContain("Stopping (SIGTERM): goodbye.\n");
  });

  it.each<[string[], string]>([
    [["-p", "-1"], 'edgeserve: --port takes a number from 0 to 65535, not "-1". See edgeserve --help\n'],
    [["70000"], "edgeserve: 70000 is neither a folder here nor a port (0 to 65535); give the port with --port N. See edgeserve --help\n"],
    [
      ["9000", "--port", "9001"],
      "edgeserve: 9000 would be a second port beside --port 9001; give the port once (a folder named 9000 does not exist here). See edgeserve --help\n",
    ],
  ])("edgeserve %j is a usage error: exit 2, one sentence", async (args, stderr) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(stderr);
    expect(result.stdout).toBe("");
  });
});

describe("the 404 page", () => {
  it("says which path was asked for, decoded and escaped", async () => {
    const folder = await makeFolder({ "a.txt": "a\n" });
    const server = await startCli([folder, "-p", "0", "-q"], { direct: true });
    try {
      const response = await fetch(new URL("/no/such/caf%C3%A9%3Cb%3E.txt", server.url));
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("<p>You asked for <code>/no/such/café&lt;b&gt;.txt</code>.</p>");
    } finally {
      await server.stop();
    }
  });
});

describe("--open with an opener that fails", () => {
  it("says so and names the URL", async () => {
    const bin = mkdtempSync(path.join(os.tmpdir(), "edgeserve-bin-"));
    writeFileSync(path.join(bin, "xdg-open"), "#!/bin/sh\nexit 4\n", { mode: 0o755 });
    const folder = await makeFolder({ "a.txt": "a\n" });
    const server = await startCli([folder, "-p", "0", "--open", "-q"], { direct: true, env: { PATH: `${bin}:${process.env.PATH}` } });
    try {
      const started = Date.now();
      while (!server.output().stderr.includes("--open") && Date.now() - started < 5_000)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.output().stderr).toContain(
        `edgeserve: warning: --open: the browser opener (xdg-open) failed with exit code 4; open ${server.url} yourself\n`,
      );
    } finally {
      await server.stop();
    }
  });
});
