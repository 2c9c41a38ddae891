/** Every message the user sees goes through here. */
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
  "too-large": "files over the Workers runtime's 25 MiB limit are listed but not served",
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
