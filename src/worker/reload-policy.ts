/**
 * A Content-Security-Policy amended to let the reload script run and open its event stream, and
 * nothing else: its hash joins the list that governs inline scripts, 'self' the one that governs
 * connections. A policy that already allows them is left as it is. Pure.
 */

type Directives = Map<string, string[]>;

export function allowReloadScript(policy: string, scriptHash: string): string {
  const directives = parsePolicy(policy);
  allowInlineScript(directives, scriptHash);
  allowSameOriginConnect(directives);
  return [...directives].map(([name, sources]) => [name, ...sources].join(" ")).join("; ");
}

function parsePolicy(policy: string): Directives {
  const directives: Directives = new Map();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    // CSP 3 §2.2.1: names are case-insensitive, and a repeated directive is ignored.
    if (name !== undefined && name !== "" && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** CSP 3 §6.7.1: an inline <script> follows script-src-elem, else script-src, else default-src. */
function allowInlineScript(directives: Directives, scriptHash: string): void {
  const name = ["script-src-elem", "script-src", "default-src"].find((candidate) => directives.has(candidate));
  if (name === undefined) return;
  const sources = directives.get(name) ?? [];
  const lowered = sources.map((source) => source.toLowerCase());
  // 'unsafe-inline' already allows it, but stops counting once a hash or nonce is listed (CSP 3 §6.7.3.3).
  const isInlineAllowed =
    lowered.includes("'unsafe-inline'") && !lowered.some((source) => /^'(sha(256|384|512)-|nonce-|strict-dynamic)/.test(source));
  if (isInlineAllowed || sources.includes(scriptHash)) return;
  directives.set(name === "default-src" ? "script-src" : name, [...withoutNone(sources), scriptHash]);
}

/** The event stream is a fetch to this origin: connect-src, else default-src. */
function allowSameOriginConnect(directives: Directives): void {
  const name = ["connect-src", "default-src"].find((candidate) => directives.has(candidate));
  if (name === undefined) return;
  const sources = directives.get(name) ?? [];
  if (sources.some((source) => ["'self'", "*"].includes(source.toLowerCase()))) return;
  directives.set("connect-src", [...withoutNone(sources), "'self'"]);
}

/** 'none' must stand alone (CSP 3 §2.3.1); a list gaining a source drops it. */
function withoutNone(sources: readonly string[]): string[] {
  return sources.filter((source) => source.toLowerCase() !== "'none'");
}
