import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { symlink, truncate, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFolder, PACKAGE_ROOT, type RunningCli, runCli, startCli } from "../helpers/cli.js";
import { mkfifo } from "./fifo.js";

/** Over the edge's 25 MiB per-file limit (a sparse file: no disk space used). */
const BIG = 26 * 1024 * 1024;

/** The CLI end to end: `npx edgeserve` on temp folders, real sockets on 127.0.0.1. */

function descendantsOf(pid: number): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** A folder of `directories` × 1,000 empty files, in memory where Linux has /dev/shm (creating them on disk is slow). */
function makeManyFiles(directories: number): string {
  const root = mkdtempSync(path.join(existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir(), "edgeserve-test-many-"));
  for (let directory = 0; directory < directories; directory += 1) {
    mkdirSync(path.join(root, `d${directory}`));
    for (let file = 0; file < 1000; file += 1) writeFileSync(path.join(root, `d${directory}`, `f${file}`), "");
  }
  return root;
}

/** Polls `url` until it answers `wanted` or `timeoutMs` pass; the last status (0: no answer). */
async function waitForStatus(url: URL, wanted: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let status = 0;
  while (status !== wanted && Date.now() - started < timeoutMs) {
    status = await fetch(url).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    );
  }
  return status;
}

/** The CLI's work folder, as its watchdog process was told it. */
function workDirectoryOf(pid: number): string {
  const watchdog = descendantsOf(pid).find((child) => readFileSync(`/proc/${child}/cmdline`, "utf8").includes("edgeserve-watchdog"));
  return readFileSync(`/proc/${watchdog}/cmdline`, "utf8").split("\0").filter(Boolean).pop() ?? "";
}

/** Running, that is: a zombie has exited and only waits for init (not always quick here) to reap it. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

describe("a folder with awkward content", () => {
  let server: RunningCli;
  let outside: string;
  beforeAll(async () => {
    outside = await makeFolder({ "secret.txt": "outside the folder\n" });
    const folder = await makeFolder({
      "index.txt": "hi\n",
      "page.html": "<p>page</p>\n",
      "sub/a.txt": "a\n",
      ".env": "SECRET=1\n",
      ".git/config": "[core]\n",
      "hello/readme.txt": "a real folder at /hello\n",
    });
    await symlink(path.join(outside, "secret.txt"), path.join(folder, "link-out.txt"));
    await symlink(path.join(folder, "sub", "a.txt"), path.join(folder, "link-in.txt"));
    await symlink(path.join(folder, "nowhere"), path.join(folder, "dangling.txt"));
    await symlink(folder, path.join(folder, "sub", "loop"));
    await symlink(path.join(folder, ".env"), path.join(folder, "link-to-hidden.txt"));
    await writeFile(path.join(folder, "big.bin"), "");
    await truncate(path.join(folder, "big.bin"), BIG);
    mkfifo(path.join(folder, "pipe"));
    server = await startCli([folder, "--port", "0"]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("serves files over a real socket with Content-Length", async () => {
    // identity: with gzip accepted, the runtime compresses text (as the edge does) and sends it chunked.
    const response = await fetch(new URL("index.txt", server.url), { headers: { "Accept-Encoding": "identity" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Length")).toBe("3");
    expect(await response.text()).toBe("hi\n");
  });

  it("follows a link inside the folder", async () => {
    expect(await (await fetch(new URL("link-in.txt", server.url))).text()).toBe("a\n");
  });

  it.each(["link-out.txt", "dangling.txt", "link-to-hidden.txt", ".env", ".git/config", "pipe", "sub/loop/index.txt"])(
    "never serves %s",
    async (name) => {
      const response = await fetch(new URL(name, server.url));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("outside the folder");
    },
  );

  it("serves a file over 25 MiB locally, with Range and HEAD, and marks it as over the edge's limit", async () => {
    const html = await (await fetch(server.url)).text();
    expect(html.match(/over the edge's limit/g)).toHaveLength(1);
    const url = new URL("big.bin", server.url);
    const tail = await fetch(url, { headers: { Range: "bytes=-6" } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get("Content-Range")).toBe(`bytes ${BIG - 6}-${BIG - 1}/${BIG}`);
    expect((await tail.arrayBuffer()).byteLength).toBe(6);
    const head = await fetch(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("Content-Length")).toBe(String(BIG));
  });

  it("lets a real folder at /hello win over the default greeting, and says so once", async () => {
    const response = await fetch(new URL("hello", server.url), { redirect: "manual" });
    expect(response.status).toBe(301);
    const { stderr } = server.output();
    expect(stderr.match(/served instead of the greeting page/g)?.length).toBe(1);
    expect(server.output().stdout).toContain(
      `"big.bin" is over the 25 MiB a file may be on the edge: served here, refused by edgeserve deploy`,
    );
    expect(stderr).toContain("outside the folder");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("prints the URL like python and one log line per request", async () => {
    await (await fetch(new URL("sub/a.txt", server.url))).arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { stdout } = server.output();
    expect(stdout).toMatch(/Serving HTTP on 127\.0\.0\.1 port \d+ \(http:\/\/127\.0\.0\.1:\d+\/\) \.\.\./);
    expect(stdout).toMatch(/\d{4}-\d\d-\d\dT\S+Z GET \/sub\/a\.txt 200 2 \d+ms/);
  });
});

describe("home page and greeting flags", () => {
  it("--greet / makes the root the article's page; --home is ignored for it", async () => {
    const folder = await makeFolder({ "index.html": "<p>index</p>\n" });
    const server = await startCli([folder, "--port", "0", "--greet", "/", "--quiet"]);
    try {
      expect(await (await fetch(new URL("?name=Billy", server.url))).text()).toContain("<h1>Hello Billy!</h1>");
      expect(await (await fetch(server.url)).text()).toContain("<h1>Hello World!</h1>");
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.output().stdout).not.toMatch(/ GET \//);
    } finally {
      await server.stop();
    }
  });

  it("--home serves the chosen page at / and warns when it is missing", async () => {
    const folder = await makeFolder({ "mywebpage.html": "<p>mine</p>\n", "other.txt": "x\n" });
    const server = await startCli([folder, "--port", "0", "--home", "mywebpage.html", "--greet", "off", "--log-format", "json"]);
    try {
      expect(await (await fetch(server.url)).text()).toContain("mine");
      expect((await fetch(new URL("hello", server.url))).status).toBe(404);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const lines = server
        .output()
        .stdout.split("\n")
        .filter((line) => line.startsWith("{"));
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(JSON.parse(lines[0] ?? "")).toMatchObject({ method: "GET", path: "/", status: 200 });
    } finally {
      await server.stop();
    }
    const missing = await startCli([folder, "--port", "0", "--home", "nope.html"]);
    try {
      expect(missing.output().stderr).toContain("--home nope.html: no such file");
      expect((await fetch(missing.url)).status).toBe(200);
    } finally {
      await missing.stop();
    }
  });
});

describe("--open", () => {
  it("hands the URL to the system's opener, or says there is none", async () => {
    const folder = await makeFolder({ "a.txt": "a\n" });
    const bin = await makeFolder({});
    writeFileSync(path.join(bin, "xdg-open"), `#!/bin/sh\necho "$1" > "${bin}/opened.txt"\n`, { mode: 0o755 });
    const server = await startCli([folder, "--port", "0", "--open", "--quiet"], {
      direct: true,
      env: { PATH: `${bin}:${process.env.PATH}` },
    });
    try {
      const opened = path.join(bin, "opened.txt");
      const started = Date.now();
      while (!existsSync(opened) && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(readFileSync(opened, "utf8").trim()).toBe(server.url);
    } finally {
      await server.stop();
    }
    const empty = await makeFolder({});
    const withoutOpener = await startCli([folder, "--port", "0", "--open", "--quiet"], { direct: true, env: { PATH: empty } });
    try {
      const started = Date.now();
      while (!withoutOpener.output().stderr.includes("--open") && Date.now() - started < 5_000)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(withoutOpener.output().stderr).toContain("--open: no browser opener (xdg-open) on this machine; open http://127.0.0.1:");
    } finally {
      await withoutOpener.stop();
    }
  });
});

describe("--digests and --cache-max-age", () => {
  it("lists each file's SHA-256 in the JSON listing and lets browsers cache for the given time", async () => {
    const folder = await makeFolder({ "a.txt": "abc" });
    const server = await startCli([folder, "--port", "0", "--digests", "--cache-max-age", "600", "--quiet"]);
    try {
      const listing = (await (await fetch(`${server.url}?format=json`)).json()) as { entries: { name: string; sha256?: string }[] };
      expect(listing.entries).toEqual([
        expect.objectContaining({ name: "a.txt", sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" }),
      ]);
      const response = await fetch(new URL("a.txt", server.url));
      expect(response.headers.get("Cache-Control")).toBe("public, max-age=600");
      await response.arrayBuffer();
    } finally {
      await server.stop();
    }
  });
});

describe("bad input and stopping", () => {
  let busy: Server;
  let busyPort = 0;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it.each([
    ["a missing folder", ["/no/such/folder"], 1, /no such folder/],
    ["a file instead of a folder", ["package.json"], 1, /is a file, not a folder/],
    ["an unknown flag", ["--frobnicate"], 2, /unknown option --frobnicate/],
    ["a bad port", ["--port", "http"], 2, /--port takes a number/],
  ])("%s gives one sentence, the documented exit code and no stack trace", async (_label, args, code, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a port in use with a clear sentence", async () => {
    const folder = await makeFolder({ "a.txt": "a\n" });
    const result = await runCli([folder, "--port", String(busyPort)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`port ${busyPort} on 127.0.0.1 is already in use`));
  });

  it("serves a folder of more than 100,000 files, as python would (nothing is indexed)", async () => {
    const root = makeManyFiles(101);
    try {
      const server = await startCli([root, "--port", "0", "--quiet"], { direct: true, timeoutMs: 90_000 });
      expect(server.output().stdout).toContain("(101,000 files,");
      expect((await fetch(new URL("d100/f999", server.url))).status).toBe(200);
      const listing = (await (await fetch(new URL("d100/?format=json", server.url))).json()) as { entries: unknown[] };
      expect(listing.entries).toHaveLength(1000);
      expect(await server.stop()).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it.each([0, 200, 900])(
    "exits 0 on Ctrl-C %i ms into start-up, leaving nothing behind",
    async (delay) => {
      const root = makeManyFiles(20);
      try {
        const child = spawn(process.execPath, ["bin/edgeserve.js", root, "--port", "0"], { cwd: PACKAGE_ROOT, stdio: "ignore" });
        const seen = new Set<number>();
        // Start-up counts from edgeserve's first line (it names the process): before Node runs it, some
        // tens of milliseconds (more on a loaded machine), a signal has Node's default effect (README).
        while (!readFileSync(`/proc/${child.pid}/cmdline`, "utf8").startsWith("edgeserve "))
          await new Promise((resolve) => setTimeout(resolve, 5));
        const started = Date.now();
        while (Date.now() - started < delay) {
          for (const pid of descendantsOf(child.pid ?? 0)) seen.add(pid);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
        child.kill("SIGINT");
        expect(await exited).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect([...seen].filter(isAlive)).toEqual([]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it.each([0, 50, 300])(
    "exits 0 on Ctrl-C %i ms after the first answer on 20,000 files, leaving no process or work folder",
    async (delay) => {
      const root = makeManyFiles(20);
      try {
        const server = await startCli([root, "--port", "0", "--quiet"], { direct: true });
        await (await fetch(server.url)).arrayBuffer();
        const processes = descendantsOf(server.child.pid ?? 0);
        const workDirectory = workDirectoryOf(server.child.pid ?? 0);
        expect(existsSync(workDirectory)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, delay));
        expect(await server.stop("SIGINT")).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(processes.filter(isAlive)).toEqual([]);
        expect(existsSync(workDirectory)).toBe(false);
        expect(server.output().stderr).toBe("");
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it("prints help and version", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage:");
    const version = await runCli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^edgeserve \d+\.\d+\.\d+ \(workerd \d+\.\d+\.\d+\)/);
  });

  it.each(["SIGINT", "SIGTERM"] as const)("exits 0 on %s and leaves no runtime process behind", async (signal) => {
    const folder = await makeFolder({ "a.txt": "a\n" });
    // The bin itself, not npx: npx dies of the signal before its child's exit code can reach us.
    const server = await startCli([folder, "--port", "0"], { direct: true });
    const pid = server.child.pid ?? 0;
    const children = descendantsOf(pid);
    expect(children.length).toBeGreaterThan(0);
    expect(await server.stop(signal)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(children.filter(isAlive)).toEqual([]);
  });
});

describe("when the runtime or the parent goes away", () => {
  it("restarts a runtime that was killed, with one line, and keeps serving", async () => {
    const folder = await makeFolder({ "a.txt": "a\n" });
    const server = await startCli([folder, "--port", "0", "--quiet"], { direct: true });
    const pid = server.child.pid ?? 0;
    for (const child of descendantsOf(pid))
      if (readFileSync(`/proc/${child}/comm`, "utf8").trim() === "workerd") process.kill(child, "SIGKILL");
    expect(await waitForStatus(new URL("a.txt", server.url), 200, 10_000)).toBe(200);
    // The restarted worker serves another generation: the next change must still arrive.
    await writeFile(path.join(folder, "after.txt"), "after\n");
    expect(await waitForStatus(new URL("after.txt", server.url), 200, 10_000)).toBe(200);
    expect(server.output().stderr.match(/the Workers runtime stopped unexpectedly and was restarted/g)).toHaveLength(1);
    expect(server.child.exitCode).toBeNull();
    expect(await server.stop()).toBe(0);
  });

  it("leaves no runtime behind even when killed with SIGKILL (the watchdog ends it)", async () => {
    const folder = await makeFolder({ "a.txt": "a\n" });
    const server = await startCli([folder, "--port", "0", "--quiet"], { direct: true });
    const pid = server.child.pid ?? 0;
    const runtime = descendantsOf(pid).filter((child) => readFileSync(`/proc/${child}/comm`, "utf8").trim() === "workerd");
    expect(runtime.length).toBeGreaterThan(0);
    const workDirectory = workDirectoryOf(pid);
    expect(existsSync(workDirectory)).toBe(true);
    process.kill(pid, "SIGKILL");
    const started = Date.now();
    while ((runtime.some(isAlive) || existsSync(workDirectory)) && Date.now() - started < 10_000)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runtime.filter(isAlive)).toEqual([]);
    expect(existsSync(workDirectory)).toBe(false);
  });

  it("keeps serving after the shell that started it in the background has exited (nohup-style)", async () => {
    const folder = await makeFolder({ "a.txt": "a\n" });
    const shell = spawn("sh", ["-c", `node bin/edgeserve.js '${folder}' --port 0 > '${folder}.log' 2>&1 & echo $!`], { cwd: PACKAGE_ROOT });
    const pid = Number((await new Promise<Buffer>((resolve) => shell.stdout.once("data", resolve))).toString().trim());
    await new Promise((resolve) => shell.once("exit", resolve));
    try {
      let url: string | undefined;
      const started = Date.now();
      while (url === undefined && Date.now() - started < 20_000) {
        url = /\((http:\/\/[^)]+)\)/.exec(existsSync(`${folder}.log`) ? readFileSync(`${folder}.log`, "utf8") : "")?.[1];
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // The health check runs every 250 ms: several rounds pass before this answer.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(isAlive(pid)).toBe(true);
      expect((await fetch(new URL("a.txt", url))).status).toBe(200);
    } finally {
      process.kill(pid, "SIGTERM");
    }
  });
});
