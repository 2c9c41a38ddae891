/** Content negotiation for listings and errors (RFC 9110 §12.5.1). Pure. */

/**
 * JSON when `?format=json`, or when Accept ranks application/json strictly above text/html;
 * a tie (curl's and fetch's "*∕*") gets HTML, as a browser does.
 */
export function prefersJson(accept: string | null, format: string | null): boolean {
  if (format === "json") return true;
  if (format === "html" || accept === null || accept.length > 1024) return false;
  const ranges = parseAccept(accept);
  return qualityOf(ranges, "application", "json") > qualityOf(ranges, "text", "html");
}

interface MediaRange {
  type: string;
  subtype: string;
  quality: number;
}

function parseAccept(accept: string): MediaRange[] {
  return accept.split(",").flatMap((part) => {
    const [range = "", ...parameters] = part.split(";");
    const [type, subtype] = range.trim().toLowerCase().split("/");
    if (!type || !subtype) return [];
    const q = parameters.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith("q="));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return Number.isFinite(quality) ? [{ type, subtype, quality }] : [];
  });
}

/** The quality of the most specific range matching type/subtype (§12.5.1), 0 when none does. */
function qualityOf(ranges: readonly MediaRange[], type: string, subtype: string): number {
  const specificity = (range: MediaRange) =>
    range.type === type && range.subtype === subtype ? 3 : range.type === type && range.subtype === "*" ? 2 : range.type === "*" ? 1 : 0;
  let best: MediaRange | undefined;
  for (const range of ranges) {
    const score = specificity(range);
    if (score > 0 && (best === undefined || score > specificity(best))) best = range;
  }
  return best?.quality ?? 0;
}
