import type { FileEntry } from "../shared/manifest.js";
import { decodeRequestPath, encodePath, type RequestTarget } from "../shared/paths.js";
import type { Config } from "./config.js";
import { decideFileRead } from "./file-read.js";
import type { FileSource } from "./file-source.js";
import { renderOnce } from "./listing/cache.js";
import { buildListing, parseSort } from "./listing/model.js";
import { renderListing } from "./listing/render.js";
import type { ManifestIndex } from "./manifest-index.js";
import type { FolderPage, Outcome } from "./outcome.js";
import { chooseGreetingName } from "./pages/greeting.js";
import { NOT_FOUND_PAGE, type Resolution, resolveRequestPath } from "./resolve.js";

export interface ReadInput {
  request: Request;
  /** The request's URL, split once by the route (src/shared/paths.ts). */
  target: RequestTarget;
  config: Config;
  manifest: ManifestIndex;
  wantsJson: boolean;
}

/** MAX_QUERY_LENGTH bounds the query the way MAX_PATH_LENGTH bounds the path. */
const MAX_QUERY_LENGTH = 2048;

/** One GET or HEAD to its outcome: decode, resolve, then decide (README, "Architecture"). */
export async function decideRead(input: ReadInput): Promise<Outcome> {
  const { config, manifest, target } = input;
  const path = decodeRequestPath(target.pathname);
  if (path.kind === "too-long" || target.search.length > MAX_QUERY_LENGTH) return { kind: "address-too-long" };
  if (path.kind === "bad-path") return { kind: "bad-path" };
  const resolution = resolveRequestPath(
    { ...path, homePage: config.homePage, hasCleanUrls: config.hasCleanUrls, spaPage: config.spaPage },
    manifest,
  );
  const isFallback = resolution.kind === "missing" || resolution.kind === "spa-page";
  if (isGreetingPath(path.segments, config) && (config.doesGreetingWin || isFallback)) {
    return { kind: "greeting", name: chooseGreetingName(target.query.getAll("name")) };
  }
  return decideResolution(resolution, target, input);
}

async function decideResolution(resolution: Resolution, target: RequestTarget, input: ReadInput): Promise<Outcome> {
  const { config, manifest, wantsJson } = input;
  const { files } = config;
  switch (resolution.kind) {
    case "missing":
      return {
        kind: "missing",
        requestedPath: target.pathname,
        page: wantsJson ? null : await readFolderPage(resolution.notFoundPage, files),
      };
    case "add-slash":
      return { kind: "add-slash", location: encodePath(resolution.segments, true), query: target.search };
    case "drop-html":
      return { kind: "clean-url-redirect", location: encodePath(resolution.segments, false), query: target.search };
    case "listing": {
      const sort = parseSort(target.query.get("sort"), target.query.get("order"));
      const key = `${wantsJson ? "json" : "html"} ${sort.key} ${sort.order} ${resolution.segments.join("/")}`;
      const body = await renderOnce(manifest, key, () =>
        renderListing(buildListing(resolution.segments, resolution.entries, sort), wantsJson),
      );
      return { kind: "listing", body };
    }
    case "file":
    case "spa-page":
      return decideFileRead(resolution, input);
    default:
      return resolution satisfies never;
  }
}

/** The folder's own 404 page, when it has one the binding can still read. */
async function readFolderPage(entry: FileEntry | null, files: FileSource): Promise<FolderPage | null> {
  if (entry === null || entry.size > files.maxFileBytes) return null;
  const read = await files.read([NOT_FOUND_PAGE], { method: "GET", range: null });
  return read.kind === "found" && read.body !== null && read.length !== null ? { entry, length: read.length, body: read.body } : null;
}

function isGreetingPath(segments: readonly string[], config: Config): boolean {
  const greet = config.greetSegments;
  return greet !== null && greet.length === segments.length && greet.every((name, index) => name === segments[index]);
}
