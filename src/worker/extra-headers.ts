import { type ExtraHeader, refuseExtraHeader } from "../shared/header-rules.js";

/**
 * `--header "Name: value"`: the CLI passes the list as one JSON variable (EXTRA_HEADERS). Only
 * headers the shared rules allow are kept, so a hand-edited list can never break framing, the
 * listing's policy or every answer (an invalid value would make Headers throw).
 */
export function readExtraHeaders(json: string | undefined): ExtraHeader[] {
  if (json === undefined || json === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (item): item is ExtraHeader =>
      typeof item === "object" &&
      item !== null &&
      typeof item.name === "string" &&
      typeof item.value === "string" &&
      refuseExtraHeader(item) === null,
  );
}

/** The user's headers replace edgeserve's of the same name; one name given twice keeps both values. */
export function applyExtraHeaders(headers: Headers, extra: readonly ExtraHeader[]): void {
  const replaced = new Set<string>();
  for (const { name, value } of extra) {
    const lower = name.toLowerCase();
    if (!replaced.has(lower)) {
      headers.delete(lower);
      replaced.add(lower);
    }
    headers.append(name, value);
  }
}
