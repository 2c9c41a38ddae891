import type os from "node:os";
import { describe, expect, it, vi } from "vitest";
import {
  countOf,
  createProgress,
  describeFolderChange,
  describeRootConflict,
  formatRequestLine,
  networkAddresses,
  portOf,
  printStartup,
  summarizeFolder,
} from "../../src/cli/log.js";
import type { Entry } from "../../src/shared/manifest.js";

const RECORD = { method: "GET", path: "/a.txt", status: 404, bytes: 12, ms: 3 };
const NOW = new Date("2026-11-25T12:00:00.000Z");

describe("formatRequestLine", () => {
  it("prints time, method, path, status, bytes and ms", () => {
    expect(formatRequestLine(RECORD, "text", false, NOW)).toBe("2026-11-25T12:00:00.000Z GET /a.txt 404 12 3ms");
  });

  it("colours the status by class only when asked", () => {
    expect(formatRequestLine(RECORD, "text", true, NOW)).toContain("\u001b[33m404\u001b[0m");
    expect(formatRequestLine({ ...RECORD, status: 200 }, "text", true, NOW)).toContain("\u001b[32m200\u001b[0m");
  });

  it("prints one parseable JSON object for --log-format json, never coloured", () => {
    const line = formatRequestLine(RECORD, "json", true, NOW);
    expect(JSON.parse(line)).toEqual({ time: "2026-11-25T12:00:00.000Z", ...RECORD });
  });
});

describe("formatRequestLine with the client's address", () => {
  it.each<[string, string]>([
    ["192.168.1.7", "2026-11-25T12:00:00.000Z 192.168.1.7 GET /a.txt 404 12 3ms"],
    ["fe80::1", "2026-11-25T12:00:00.000Z fe80::1 GET /a.txt 404 12 3ms"],
    ["", "2026-11-25T12:00:00.000Z GET /a.txt 404 12 3ms"],
  ])("puts %j after the time in text", (client, line) => {
    expect(formatRequestLine({ ...RECORD, client }, "text", false, NOW)).toBe(line);
  });

  it("carries it in JSON, and leaves the key out when unknown", () => {
    expect(JSON.parse(formatRequestLine({ ...RECORD, client: "10.0.0.2" }, "json", false, NOW))).toEqual({
      time: NOW.toISOString(),
      ...RECORD,
      client: "10.0.0.2",
    });
    expect(Object.keys(JSON.parse(formatRequestLine(RECORD, "json", false, NOW)) as object)).not.toContain("client");
  });
});

describe("createProgress", () => {
  const streamOf = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, write: (text: string) => written.push(text) > 0 } };
  };

  it("draws one updating line on a terminal and clears it when done", () => {
    const { written, stream } = streamOf(true);
    const progress = createProgress(stream, 0);
    progress.update(1500);
    progress.done();
    expect(written[0]).toMatch(/^\r\u001b\[Kindexing: 1,500 files/);
    expect(written.at(-1)).toBe("\r\u001b[K");
  });

  it("prints nothing when not a terminal", () => {
    const { written, stream } = streamOf(false);
    const progress = createProgress(stream, 0);
    progress.update(1500);
    progress.done();
    expect(written).toEqual([]);
  });
});

describe("the start-up summary", () => {
  const capture = (run: () => void) => {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation((text) => out.push(String(text)) > 0);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((text) => err.push(String(text)) > 0);
    try {
      run();
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    return { stdout: out.join(""), stderr: err.join("") };
  };
  const summary = {
    root: "/srv/site",
    files: 1,
    bytes: 2,
    host: "127.0.0.1",
    port: 80,
    homePage: null,
    greetPath: "/hello",
    seconds: 0.42,
  };

  it.each<[string, number]>([
    ["http://127.0.0.1:80/", 80],
    ["http://127.0.0.1/", 80],
    ["https://example.com/", 443],
    ["http://[::1]:8000/", 8000],
    ["http://127.0.0.1:0/", 0],
  ])("reads the real port of %s", (url, port) => {
    expect(portOf(new URL(url))).toBe(port);
  });

  it("prints port 80 as 80, and one file as one file", () => {
    const { stdout } = capture(() => printStartup(summary, {}));
    expect(stdout).toBe(
      [
        "Serving /srv/site (1 file, 2 B)",
        "  Greeting   /hello?name=Billy",
        "Serving HTTP on 127.0.0.1 port 80 (http://127.0.0.1:80/) ...",
        "Ready in 0.4 s. Press Ctrl-C to stop.",
        "",
      ].join("\n"),
    );
  });

  it("says the greeting wins at / when --home and --greet / both ask for it, and never promises the home page there", () => {
    const { stdout, stderr } = capture(() => printStartup({ ...summary, files: 7, homePage: "mywebpage.html", greetPath: "/" }, {}));
    expect(stderr).toBe(
      "edgeserve: warning: --home mywebpage.html and --greet / both ask for /: the greeting page wins there, and mywebpage.html stays at /mywebpage.html\n",
    );
    expect(stdout).toContain("(7 files, 2 B)");
    expect(stdout).toContain("  Home page  /mywebpage.html (the greeting has /)\n  Greeting   /?name=Billy\n");
    expect(stdout).not.toContain("/ shows");
  });

  it("says https in every URL with --tls, keeping python's wording, and prints the fingerprint", () => {
    const interfaces = { eth0: [{ address: "192.168.1.20", family: "IPv4", internal: false }] } as unknown as ReturnType<
      typeof os.networkInterfaces
    >;
    const tls = { fingerprint: "AB:CD", cachedAt: "/home/u/.cache/edgeserve/localhost-cert.pem" };
    const { stdout } = capture(() => printStartup({ ...summary, host: "0.0.0.0", port: 8443, tls }, interfaces));
    expect(stdout).toContain(
      [
        "  Network    https://192.168.1.20:8443/",
        "  TLS        certificate SHA-256 AB:CD",
        "             self-signed, kept in /home/u/.cache/edgeserve/localhost-cert.pem",
        "Serving HTTP on 0.0.0.0 port 8443 (https://0.0.0.0:8443/) ...",
      ].join("\n"),
    );
  });

  it.each<[string | null, string | null, boolean]>([
    ["a.html", "/", true],
    ["a.html", "/hello", false],
    ["a.html", null, false],
    ["a.html", "off", false],
    [null, "/", false],
  ])("home %j with greet %j is a conflict: %j", (home, greet, isConflict) => {
    expect(describeRootConflict(home, greet) !== null).toBe(isConflict);
  });

  it("prints each outside address, a link-local IPv6 one with its zone", () => {
    const interfaces = {
      lo: [
        { address: "127.0.0.1", family: "IPv4", internal: true },
        { address: "::1", family: "IPv6", internal: true },
      ],
      eth0: [
        { address: "192.168.1.20", family: "IPv4", internal: false },
        { address: "fe80::1c2:3ff:fe04:5", family: "IPv6", internal: false, scopeid: 2 },
        { address: "2001:db8::5", family: "IPv6", internal: false, scopeid: 0 },
      ],
    } as unknown as ReturnType<typeof os.networkInterfaces>;
    expect(networkAddresses(interfaces, false)).toEqual(["192.168.1.20"]);
    const shown = networkAddresses(interfaces, true);
    expect(shown).toEqual(["192.168.1.20", "[fe80::1c2:3ff:fe04:5%25eth0]", "[2001:db8::5]"]);
    // RFC 6874's form, which curl opens; WHATWG URL (browsers, Node's URL) has no zones at all.
    const { stdout } = capture(() => printStartup({ ...summary, host: "::", port: 8000 }, interfaces));
    expect(stdout).toContain("  Network    http://[fe80::1c2:3ff:fe04:5%25eth0]:8000/\n");
  });

  it("counts every listed file with its bytes, the one over the edge's limit included", () => {
    const file = (name: string, size: number): Entry => ({ kind: "file", name, size, mtimeMs: 0, contentType: "text/plain" });
    const directories = new Map<string, Entry[]>([
      ["", [file("a.txt", 10), { kind: "directory", name: "d", mtimeMs: 0 }, file("big.bin", 30 * 1024 * 1024)]],
      ["d", [file("b.txt", 5)]],
    ] as [string, Entry[]][]);
    expect(summarizeFolder({ directories })).toEqual({ files: 3, bytes: 15 + 30 * 1024 * 1024 });
  });
});

describe("plain words", () => {
  it.each<[number, string]>([
    [0, "0 files"],
    [1, "1 file"],
    [2029, "2,029 files"],
  ])("counts %i", (count, text) => {
    expect(countOf(count, "file")).toBe(text);
  });

  it.each<[number, number, string]>([
    [1, 0, "folder changed: 1 file added or moved"],
    [0, 1, "folder changed: 1 file removed"],
    [3, 2, "folder changed: 3 files added or moved, 2 files removed"],
    [0, 0, "folder changed: files edited (none added or removed)"],
  ])("describes a change of %i added, %i removed", (added, removed, text) => {
    expect(describeFolderChange(added, removed)).toBe(text);
  });
});
