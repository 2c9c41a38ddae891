/** Every message the user sees goes through here. */
import os from "node:os";
import { formatSize } from "../shared/format.js";
import type { Skipped } from "../manifest/scan.js";
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
    const examples = paths.slice(0, 3).map((p) => JSON.stringify(p)).join(", ");
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

/** One request line: `time method path status bytes ms`, or one JSON object per line. */
export function formatRequestLine(record: RequestLogRecord, format: RequestLogFormat, isColored: boolean, now = new Date()): string {
  const time = now.toISOString();
  if (format === "json") return JSON.stringify({ time, ...record });
  const status = String(record.status);
  const color = STATUS_COLORS[Math.floor(record.status / 100)];
  const shownStatus = isColored && color ? `\u001b[${color}m${status}\u001b[0m` : status;
  return `${time} ${record.method} ${record.path} ${shownStatus} ${record.bytes} ${record.ms}ms`;
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
}

/** python's line, with what is served and where around it; LAN addresses when bound to all. */
export function printStartup(summary: StartupSummary): void {
  const { host, port } = summary;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}/`;
  printLine(`Serving ${summary.root} (${summary.files.toLocaleString("en")} files, ${formatSize(summary.bytes)})`);
  if (summary.homePage !== null) printLine(`  Home page  / shows ${summary.homePage}`);
  if (summary.greetPath !== "off") printLine(`  Greeting   ${summary.greetPath}?name=Billy`);
  if (host === "0.0.0.0" || host === "::") {
    for (const address of networkAddresses(host === "::")) printLine(`  Network    http://${address}:${port}/`);
  }
  printLine(`Serving HTTP on ${host} port ${port} (${url}) ...`);
  printLine(`Ready in ${summary.seconds.toFixed(1)} s. Press Ctrl-C to stop.`);
}

function networkAddresses(withIpv6: boolean): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((item) => item !== undefined && !item.internal && (item.family === "IPv4" || withIpv6))
    .map((item) => (item?.family === "IPv6" ? `[${item.address}]` : (item?.address ?? "")));
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
