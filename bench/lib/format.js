/** Number and table formatting shared by the bench's tables and its targets. */
export const DASH = "–";

const isMissing = (value) => value === null || value === undefined;
export const formatRps = (value) => (isMissing(value) ? DASH : Math.round(value).toLocaleString("en"));
export const formatMs = (value) => (isMissing(value) ? DASH : value >= 100 ? Math.round(value).toLocaleString("en") : value.toFixed(1));
export const formatMiB = (bytes) => (bytes ? Math.round(bytes / 2 ** 20).toLocaleString("en") : DASH);
export const formatSeconds = (ms) => (isMissing(ms) ? DASH : (ms / 1000).toFixed(2));
export const formatRatio = (value) => (isMissing(value) || !Number.isFinite(value) ? DASH : `${value.toFixed(2)}×`);

export function ratio(numerator, denominator) {
  return isMissing(numerator) || !denominator ? null : numerator / denominator;
}

export function table(header, rows) {
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const row of rows) lines.push(`| ${row.join(" | ")} |`);
  return lines.join("\n");
}
