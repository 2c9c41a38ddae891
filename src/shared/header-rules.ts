/**
 * Which response headers `--header "Name: value"` may add: the CLI refuses the others with one
 * sentence, and the worker drops any that reach it anyway (a hand-edited wrangler.json), so a
 * bad header can never turn every answer into a 500. Pure; README "Extra headers" lists the same.
 */

export interface ExtraHeader {
  name: string;
  value: string;
}

/** RFC 9110 §5.6.2: token = 1*tchar. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** RFC 9110 §5.5: visible ASCII, spaces and tabs; CR, LF, NUL and other controls would split or end the header. */
const FIELD_VALUE = /^[\t\u0020-\u007e]*$/;

export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

const BODY_FRAMING = "it frames the body, which edgeserve sets per answer";
const HOP_BY_HOP = "it is a connection header (RFC 9110 §7.6.1), not the answer's";

/** Lower-case name → why it is refused, in the words the usage error uses. */
export const REFUSED_HEADERS: ReadonlyMap<string, string> = new Map([
  ["content-length", BODY_FRAMING],
  ["transfer-encoding", BODY_FRAMING],
  ["content-encoding", BODY_FRAMING],
  ["content-range", BODY_FRAMING],
  ["trailer", BODY_FRAMING],
  ["connection", HOP_BY_HOP],
  ["keep-alive", HOP_BY_HOP],
  ["proxy-connection", HOP_BY_HOP],
  ["te", HOP_BY_HOP],
  ["upgrade", HOP_BY_HOP],
  ["content-type", "edgeserve sets it per file"],
  ["content-security-policy", "it would replace the listing's policy, which allows the page's own style and script by hash"],
  ["date", "edgeserve sets it on every answer (RFC 9110 §6.6.1)"],
  ["etag", "validators come from each file"],
  ["last-modified", "validators come from each file"],
  ["location", "redirects set it"],
  ["vary", "edgeserve sets it per answer"],
  ["www-authenticate", "--auth sets it"],
  ["x-content-type-options", "edgeserve sets nosniff on every answer"],
]);

/** The sentence that refuses NAME: VALUE, or null when the header may be added. */
export function refuseExtraHeader({ name, value }: ExtraHeader): string | null {
  if (!isToken(name))
    return `--header needs a header name made of letters, digits and !#$%&'*+-.^_\`|~ before the colon, not ${JSON.stringify(name)}`;
  if (!FIELD_VALUE.test(value))
    return `--header ${name}: the value may hold only printable ASCII, spaces and tabs (no CR, LF, NUL or other control characters)`;
  const lower = name.toLowerCase();
  if (lower.startsWith("access-control-")) return `--header ${name} is refused: CORS headers come from --cors`;
  const reason = REFUSED_HEADERS.get(lower);
  return reason === undefined ? null : `--header ${name} is refused: ${reason}`;
}

/** "Name: value" (as curl -H takes it) to a header, or the sentence that refuses it. */
export function parseExtraHeader(text: string): ExtraHeader | string {
  const colon = text.indexOf(":");
  if (colon < 0) return `--header takes "Name: value", with a colon after the name, not ${JSON.stringify(text)}`;
  // RFC 9110 §5.5: optional whitespace around the value is not part of it.
  const header = { name: text.slice(0, colon), value: text.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, "") };
  return refuseExtraHeader(header) ?? header;
}
