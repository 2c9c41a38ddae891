import type { WorkerSecrets, WorkerVariables } from "./worker-config.js";

/**
 * The workerd configuration `edgeserve DIR` runs (workerd.capnp, in Cap'n Proto's text form):
 * the worker, its FILES binding to a disk-directory service over the folder of links, and two
 * sockets: "http" on the user's address, "control" on a loopback port for the CLI's pushes.
 * The disk service is on no socket: only the worker reaches it. Pure.
 */

export interface WorkerdConfigInput {
  /** Module files, relative to the config file's folder (Cap'n Proto embeds no absolute path). */
  workerFile: string;
  manifestFile: string;
  compatibilityDate: string;
  /** The disk binding's root: the folder of links, never the served folder (links lead out). */
  linkFolder: string;
  variables: WorkerVariables & { CONTROL_TOKEN: string };
  /** Text bindings like the variables; the file holding them is written mode 0600 (src/cli/runtime.ts). */
  secrets?: WorkerSecrets;
  /** With --tls the user's socket speaks HTTPS with this key and certificate (PEM); else HTTP. */
  tls: { privateKey: string; certificate: string } | null;
}

/**
 * A smaller young generation, and V8 told to favour size: after 5 s each of listing, 1 MiB-file and
 * small-file load (wrk -c32), workerd held 222 MiB instead of 367, at the same requests/s
 * (measured 2026-12-02 on the bench's 1k tree; docs/hosting-decision.md).
 */
const V8_FLAGS = ["--max-semi-space-size=2", "--optimize-for-size"];

export const HTTP_SOCKET = "http";
export const CONTROL_SOCKET = "control";

export function renderWorkerdConfig(input: WorkerdConfigInput): string {
  const bindings = Object.entries({ ...input.variables, ...input.secrets }).map(
    ([name, value]) => `        (name = ${quote(name)}, text = ${quote(value)}),`,
  );
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "edgeserve", worker = (
      modules = [
        (name = "index.js", esModule = embed ${quote(input.workerFile)}),
        (name = "edgeserve:manifest", esModule = embed ${quote(input.manifestFile)}),
      ],
      compatibilityDate = ${quote(input.compatibilityDate)},
      bindings = [
        (name = "FILES", service = "files"),
${bindings.join("\n")}
      ],
    )),
    # Dotfiles allowed: the link folder holds only files the walk admitted, .well-known/ (RFC 8615) among them.
    (name = "files", disk = (path = ${quote(input.linkFolder)}, writable = false, allowDotfiles = true)),
  ],
  sockets = [
    (name = "${HTTP_SOCKET}", ${renderProtocol(input.tls)}, service = "edgeserve"),
    (name = "${CONTROL_SOCKET}", address = "127.0.0.1:0", http = (), service = "edgeserve"),
  ],
  structuredLogging = true,
  v8Flags = [${V8_FLAGS.map(quote).join(", ")}],
);
`;
}

/** workerd.capnp `Socket`: plain `http`, or `https` with the keypair inline (the config file is private, like the work folder). */
function renderProtocol(tls: WorkerdConfigInput["tls"]): string {
  if (tls === null) return "http = ()";
  return `https = (options = (), tlsOptions = (keypair = (privateKey = ${quote(tls.privateKey)}, certificateChain = ${quote(tls.certificate)})))`;
}

/** A Cap'n Proto text literal: quotes and backslashes escaped, control characters as \xNN. */
export function quote(text: string): string {
  const escaped = text.replace(/[\\"\u0000-\u001f\u007f]/g, (character) => {
    if (character === "\\" || character === '"') return `\\${character}`;
    return `\\x${character.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
  return `"${escaped}"`;
}

/** "host:port" as workerd's --socket-addr takes it: IPv6 addresses in brackets. */
export function formatSocketAddress(host: string, port: number): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}
