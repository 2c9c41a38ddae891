import { stat } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import type { FolderIndex } from "../manifest/build.js";
import { decodeRequestPath } from "../shared/paths.js";
import { printWarning } from "./log.js";
import { UserError } from "./user-error.js";
import { DEFAULT_GREET_PATH } from "./worker-config.js";

/** What `edgeserve DIR` checks before and after indexing: one sentence for each thing that is off. */

export async function assertDirectory(root: string, given: string): Promise<void> {
  const stats = await stat(root).catch(() => null);
  if (stats === null) throw new UserError(`${given}: no such folder. Give the folder to serve, e.g. edgeserve public`);
  if (!stats.isDirectory())
    throw new UserError(`${given} is a file, not a folder. Give the folder that contains it, e.g. edgeserve ${path.dirname(given) || "."}`);
}

/** A clear sentence before any runtime starts: wrangler would fail later with a stack. */
export async function assertPortFree(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE")
        reject(new UserError(`port ${port} on ${host} is already in use. Stop the other server or choose another port with --port`));
      else reject(new UserError(`cannot listen on ${host} port ${port} (${error.code ?? error.message}). Check --host and --port`));
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** Decoded as the worker decodes it (src/shared/paths.ts), so "/caf%C3%A9" is the folder's "café". */
function entryExists(index: FolderIndex, urlPath: string): boolean {
  const path = decodeRequestPath(urlPath);
  const key = path.kind === "path" ? path.segments.join("/") : "";
  return key === "" || index.files.has(key) || index.directories.has(key);
}

/** Returns the GREET_PATH for the worker, warning once about a real entry in the way. */
export function checkGreeting(index: FolderIndex, chosen: string | null): string {
  if (chosen === "off") return "off";
  const greetPath = chosen ?? DEFAULT_GREET_PATH;
  if (greetPath !== "/" && entryExists(index, greetPath)) {
    if (chosen === null)
      printWarning(`the folder has ${greetPath}, which is served instead of the greeting page; move the greeting with --greet PATH`);
    else printWarning(`the greeting page at ${greetPath} hides the folder's own ${greetPath}`);
  }
  return greetPath;
}

/** The home page when it exists; otherwise a warning and null (/ shows the index or listing). */
export function checkHomePage(index: FolderIndex, homePage: string | null): string | null {
  if (homePage === null) return null;
  const key = homePage
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
  if (index.files.has(key)) return key;
  printWarning(`--home ${homePage}: no such file in the folder, so / shows the folder's index or listing`);
  return null;
}

/** --spa's page is looked up per request (it may appear later); a warning when it is not there now. */
export function checkSpaPage(index: FolderIndex, spaPage: string | null): void {
  if (spaPage === null) return;
  const key = spaPage
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
  if (!index.files.has(key))
    printWarning(`--spa ${spaPage}: no such file in the folder, so paths that match nothing answer 404 until it exists`);
}
