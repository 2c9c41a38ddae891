import type { Config } from "./config.js";
import { decideFile } from "./file.js";
import { renderOnce } from "./listing/cache.js";
import { buildListing, parseSort } from "./listing/model.js";
import type { ManifestIndex } from "./manifest-index.js";
import { prefersJson } from "./negotiate.js";
import { chooseGreetingName, renderGreeting } from "./pages/greeting.js";
import { decodeRequestPath, encodePath, splitRequestUrl, type RequestTarget } from "./paths.js";
import { NOT_FOUND_PAGE, resolveRequestPath, type Resolution } from "./resolve.js";
import {
  renderListing,
  respondWithError,
  respondWithFile,
  respondWithHtml,
  respondWithListing,
  respondWithPage,
  respondWithRedirect,
  type ResponseContext,
} from "./respond.js";

export interface HandleInput {
  request: Request;
  config: Config;
  manifest: ManifestIndex;
}

/** MAX_QUERY_LENGTH bounds the query the way MAX_PATH_LENGTH bounds the path. */
const MAX_QUERY_LENGTH = 2048;

/** One GET or HEAD: decode, resolve, then decide and respond (README, "One request"). */
export async function handleRead({ request, config, manifest }: HandleInput): Promise<Response> {
  const target = splitRequestUrl(request.url);
  const context = contextFor(request, config, target);
  const path = decodeRequestPath(target.pathname);
  if (path.kind === "too-long" || target.search.length > MAX_QUERY_LENGTH) {
    return respondWithError(414, "The address is too long.", context);
  }
  if (path.kind === "bad-path") return respondWithError(400, "The address is not a valid path.", context);
  const resolution = resolveRequestPath({ ...path, homePage: config.homePage }, manifest);
  if (isGreetingPath(path.segments, config) && (config.doesGreetingWin || resolution.kind === "missing")) {
    const markup = renderGreeting(chooseGreetingName(target.query.getAll("name")));
    return respondWithHtml(markup, 200, new Headers({ "Cache-Control": "no-cache" }), context.isHead);
  }
  return respondToResolution(resolution, { request, target, context, manifest });
}

interface ResolvedRequest {
  request: Request;
  target: RequestTarget;
  context: ResponseContext;
  manifest: ManifestIndex;
}

async function respondToResolution(resolution: Resolution, { request, target, context, manifest }: ResolvedRequest): Promise<Response> {
  const { files } = context.config;
  switch (resolution.kind) {
    case "missing": {
      const entry = context.wantsJson ? null : resolution.notFoundPage;
      const page = entry && entry.size <= files.maxFileBytes ? await files.read([NOT_FOUND_PAGE], { method: "GET", range: null }) : null;
      if (entry && page?.kind === "found" && page.body !== null && page.length !== null) {
        return respondWithPage(404, entry, { length: page.length, body: page.body }, context);
      }
      return respondWithError(404, "Nothing is served at this address.", context, target.pathname);
    }
    case "add-slash":
      return respondWithRedirect(encodePath(resolution.segments, true), target.search);
    case "listing": {
      const sort = parseSort(target.query.get("sort"), target.query.get("order"));
      const key = `${context.wantsJson ? "json" : "html"} ${sort.key} ${sort.order} ${resolution.segments.join("/")}`;
      const body = await renderOnce(manifest, key, () => renderListing(buildListing(resolution.segments, resolution.entries, sort), context.wantsJson));
      return respondWithListing(body, context);
    }
    case "file": {
      const method = context.isHead ? "HEAD" : "GET";
      const outcome = await decideFile({ method, headers: request.headers, files, segments: resolution.segments, entry: resolution.entry });
      return respondWithFile(outcome, resolution.entry, context);
    }
    default:
      return resolution satisfies never;
  }
}

function isGreetingPath(segments: readonly string[], config: Config): boolean {
  const greet = config.greetSegments;
  return greet !== null && greet.length === segments.length && greet.every((name, index) => name === segments[index]);
}

export function contextFor(request: Request, config: Config, target = splitRequestUrl(request.url)): ResponseContext {
  return {
    isHead: request.method === "HEAD",
    wantsJson: prefersJson(request.headers.get("Accept"), target.query.get("format")),
    config,
  };
}
