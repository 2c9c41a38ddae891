/** Every message the user sees goes through here. */
import os from "node:os";
import type { FolderIndex } from "../manifest/build.js";
import type { Skipped } from "../manifest/scan.js";
import { formatSize } from "../shared/format.js";
import type { RequestLogRecord } from "../shared/request-log.js";

export function printLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function printWarning(text: string): void {
  process.stderr.write(`edgeserve: warning: ${text}\n`);
}

export function printError(text: string): void {
  process.stderr.write(`edgeserve: ${text}\n`);
}

const SKIP_REASONS: Record<Skipped["reason"], string> = {
  "unsafe-name": "names with control characters or backslashes cannot be served",
  "link-outside": "symbolic links leading outside the folder (or to hidden files) are not followed",
  "dangling-link": "symbolic links to nothing are skipped",
  "link-loop": "symbolic links that loop are skipped",
  unreadable: "folders that cannot be read are skipped",
  "special-file": "FIFOs, sockets and devices are skipped",
};

/** One warning per reason, with a few examples: never one line per file. */
export function printSkipped(skipped: readonly Skipped[]): void {
  const byReason = new Map<Skipped["reason"], string[]>();
  for (const item of skipped) byReason.set(item.reason, [...(byReason.get(item.reason) ?? []), item.relativePath]);
  for (const [reason, paths] of byReason) {
    const examples = paths
      .slice(0, 3)
      .map((p) => JSON.stringify(p))
      .join(", ");
    const more = paths.length > 3 ? ` and ${paths.length - 3} more` : "";
    printWarning(`${SKIP_REASONS[reason]}: ${examples}${more}`);
  }
}

export type RequestLogFormat = "text" | "json";

/** Colour only on a terminal, and never with NO_COLOR (no-color.org). */
export function shouldColor(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && !("NO_COLOR" in process.env && process.env.NO_COLOR !== "");
}

const STATUS_COLORS: Record<number, string> = { 2: "32", 3: "36", 4: "33", 5: "31" };

/**
 * One request line: `time [client] method path status bytes ms` (the client when known, as python
 * starts its line with it), or one JSON object per line with `client` when known.
 */
export function formatRequestLine(record: RequestLogRecord, format: RequestLogFormat, isColored: boolean, now = new Date()): string {
  const time = now.toISOString();
  if (format === "json") return JSON.stringify({ time, ...record });
  const status = String(record.status);
  const color = STATUS_COLORS[Math.floor(record.status / 100)];
  const shownStatus = isColored && color ? `\u001b[${color}m${status}\u001b[0m` : status;
  const client = record.client === undefined || record.client === "" ? "" : `${record.client} `;
  return `${time} ${client}${record.method} ${record.path} ${shownStatus} ${record.bytes} ${record.ms}ms`;
}

/** "1 file", "2 files", "2,029 files". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? singular : plural}`;
}

/** The port a URL object holds: `new URL("http://h:80/").port` is "" (the scheme's default). */
export function portOf(url: URL): number {
  if (url.port !== "") return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

/**
 * Every regular file the folder lists and their bytes, counted the same way (the banner's
 * "N files, SIZE"): a file is counted with its bytes or not at all.
 */
export function summarizeFolder(index: Pick<FolderIndex, "directories">): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entries of index.directories.values()) {
    for (const entry of entries) {
      if (entry.kind !== "file") continue;
      files += 1;
      bytes += entry.size;
    }
  }
  return { files, bytes };
}

export interface StartupSummary {
  root: string;
  files: number;
  bytes: number;
  host: string;
  port: number;
  homePage: string | null;
  greetPath: string;
  seconds: number;
  /** --tls: the served certificate's fingerprint, and where a self-signed one is kept. */
  tls?: { fingerprint: string; cachedAt: string | null } | null;
}

/**
 * --home PAGE with --greet /: both claim /. The worker answers / with the greeting (an explicit
 * --greet wins over files: GREET_PRECEDENCE "greeting", src/worker/handle.ts); PAGE stays at its own path.
 */
export function describeRootConflict(homePage: string | null, greetPath: string | null): string | null {
  if (homePage === null || greetPath !== "/") return null;
  return `--home ${homePage} and --greet / both ask for /: the greeting page wins there, and ${homePage} stays at /${homePage}`;
}

/** python's line, with what is served and where around it; LAN addresses when bound to all. */
export function printStartup(summary: StartupSummary, interfaces = os.networkInterfaces()): void {
  const { host, port } = summary;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  const tls = summary.tls ?? null;
  const scheme = tls === null ? "http" : "https";
  const url = `${scheme}://${shownHost}:${port}/`;
  const conflict = describeRootConflict(summary.homePage, summary.greetPath);
  if (conflict !== null) printWarning(conflict);
  printLine(`Serving ${summary.root} (${countOf(summary.files, "file")}, ${formatSize(summary.bytes)})`);
  if (summary.homePage !== null)
    printLine(conflict === null ? `  Home page  / shows ${summary.homePage}` : `  Home page  /${summary.homePage} (the greeting has /)`);
  if (summary.greetPath !== "off") printLine(`  Greeting   ${summary.greetPath}?name=Billy`);
  if (host === "0.0.0.0" || host === "::") {
    for (const address of networkAddresses(interfaces, host === "::")) printLine(`  Network    ${scheme}://${address}:${port}/`);
  }
  if (tls !== null) {
    printLine(`  TLS        certificate SHA-256 ${tls.fingerprint}`);
    if (tls.cachedAt !== null) printLine(`             self-signed, kept in ${tls.cachedAt}`);
  }
  printLine(`Serving HTTP on ${host} port ${port} (${url}) ...`);
  printLine(`Ready in ${summary.seconds.toFixed(1)} s. Press Ctrl-C to stop.`);
}

/**
 * Each outside address as a URL host. An IPv6 link-local address (fe80::/10) means nothing
 * without its interface, so it carries its zone, percent-encoded as RFC 6874 has it: [fe80::1%25eth0].
 */
export function networkAddresses(interfaces: ReturnType<typeof os.networkInterfaces>, withIpv6: boolean): string[] {
  const addresses: string[] = [];
  for (const [name, items] of Object.entries(interfaces)) {
    for (const item of items ?? []) {
      if (item.internal) continue;
      if (item.family === "IPv4") addresses.push(item.address);
      else if (withIpv6 && item.family === "IPv6") {
        const isLinkLocal = /^fe[89ab]/i.test(item.address);
        addresses.push(isLinkLocal ? `[${item.address.replace(/%.*$/, "")}%25${encodeURIComponent(name)}]` : `[${item.address}]`);
      }
    }
  }
  return addresses;
}

/** --verbose, after a folder change: only the parts that happened, plurals right. */
export function describeFolderChange(added: number, removed: number): string {
  const parts = [
    added > 0 ? `${countOf(added, "file")} added or moved` : null,
    removed > 0 ? `${countOf(removed, "file")} removed` : null,
  ].filter(Boolean);
  return `folder changed: ${parts.length > 0 ? parts.join(", ") : "files edited (none added or removed)"}`;
}

let saidGoodbye = false;

/**
 * Ctrl-C (or SIGTERM/SIGHUP): one line, once, like python's "Keyboard interrupt received,
 * exiting." On a terminal the ^C the terminal echoed is ended first.
 */
export function printGoodbye(signal: NodeJS.Signals, stream: Pick<NodeJS.WriteStream, "isTTY" | "write"> = process.stdout): void {
  if (saidGoodbye) return;
  saidGoodbye = true;
  const reason = signal === "SIGINT" ? "Ctrl-C" : signal;
  stream.write(`${stream.isTTY === true ? "\n" : ""}Stopping (${reason}): goodbye.\n`);
}

export interface Progress {
  update(filesSeen: number): void;
  done(): void;
}

const PROGRESS_AFTER_MS = 1000;

/** One updating line on a terminal while indexing a big folder; nothing when not a terminal. */
export function createProgress(stream: Pick<NodeJS.WriteStream, "isTTY" | "write">, afterMs = PROGRESS_AFTER_MS): Progress {
  const started = performance.now();
  let shown = false;
  return {
    update(filesSeen) {
      const elapsed = performance.now() - started;
      if (stream.isTTY !== true || elapsed < afterMs) return;
      shown = true;
      const rate = Math.round(filesSeen / (elapsed / 1000));
      stream.write(`\r\u001b[Kindexing: ${filesSeen.toLocaleString("en")} files (${rate.toLocaleString("en")}/s)`);
    },
    done() {
      if (shown) stream.write("\r\u001b[K");
    },
  };
}
