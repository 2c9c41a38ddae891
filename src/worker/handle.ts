import type { Config } from "./config.js";
import { decideFile } from "./file.js";
import { renderOnce } from "./listing/cache.js";
import { buildListing, parseSort } from "./listing/model.js";
import type { ManifestIndex } from "./manifest-index.js";
import { prefersJson } from "./negotiate.js";
import { chooseGreetingName, renderGreeting } from "./pages/greeting.js";
import { decodeRequestPath, encodePath } from "./paths.js";
import { fetchAsset } from "./assets.js";
import { NOT_FOUND_PAGE, resolveRequestPath } from "./resolve.js";
import {
  respondWithError,
  respondWithFile,
  respondWithHtml,
  renderListing,
  respondWithListing,
  respondWithPage,
  respondWithRedirect,
  type ResponseContext,
} from "./respond.js";

export interface HandleInput {
  request: Request;
  config: Config;
  manifest: ManifestIndex;
  assets: Fetcher;
}

/** MAX_QUERY_LENGTH bounds the query the way MAX_PATH_LENGTH bounds the path. */
const MAX_QUERY_LENGTH = 2048;
/** All request headers together (RFC 6585 §5: 431). The runtime itself accepts far more. */
const MAX_HEADER_BYTES = 16 * 1024;

/** One GET or HEAD: decode, resolve, then decide and respond (README, "One request"). */
export async function handleRead({ request, config, manifest, assets }: HandleInput): Promise<Response> {
  const url = new URL(request.url);
  const context = contextFor(request, config, url);
  if (measureHeaders(request.headers) > MAX_HEADER_BYTES) return respondWithError(431, "The request's headers are too large.", context);
  const path = decodeRequestPath(url.pathname);
  if (path.kind === "too-long" || url.search.length > MAX_QUERY_LENGTH) {
    return respondWithError(414, "The address is too long.", context);
  }
  if (path.kind === "bad-path") return respondWithError(400, "The address is not a valid path.", context);
  const resolution = resolveRequestPath({ ...path, homePage: config.homePage }, manifest);
  if (isGreetingPath(path.segments, config) && (config.doesGreetingWin || resolution.kind === "missing")) {
    const markup = renderGreeting(chooseGreetingName(url.searchParams.getAll("name")));
    return respondWithHtml(markup, 200, new Headers({ "Cache-Control": "no-cache" }), context.isHead);
  }
  switch (resolution.kind) {
    case "missing": {
      const page = resolution.notFoundPage && !context.wantsJson ? await fetchAsset(assets, [NOT_FOUND_PAGE], "GET") : null;
      if (page?.kind === "bytes" && resolution.notFoundPage) return respondWithPage(404, resolution.notFoundPage, page.body, context);
      return respondWithError(404, "Nothing is served at this address.", context, url.pathname);
    }
    case "too-large":
      return respondWithError(403, "This file is over the Workers runtime's 25 MiB limit per file, so it is listed but not served.", context);
    case "add-slash":
      return respondWithRedirect(encodePath(resolution.segments, true), url.search);
    case "listing": {
      const sort = parseSort(url.searchParams.get("sort"), url.searchParams.get("order"));
      const key = `${context.wantsJson ? "json" : "html"} ${sort.key} ${sort.order} ${resolution.segments.join("/")}`;
      const body = await renderOnce(manifest, key, () => renderListing(buildListing(resolution.segments, resolution.entries, sort), context.wantsJson));
      return respondWithListing(body, context);
    }
    case "file": {
      const method = context.isHead ? "HEAD" : "GET";
      const outcome = await decideFile({ method, headers: request.headers, assets, segments: resolution.segments, entry: resolution.entry });
      return respondWithFile(outcome, resolution.entry, context);
    }
    default:
      return resolution satisfies never;
  }
}

function measureHeaders(headers: Headers): number {
  let bytes = 0;
  headers.forEach((value, name) => (bytes += name.length + value.length + 4));
  return bytes;
}

function isGreetingPath(segments: readonly string[], config: Config): boolean {
  const greet = config.greetSegments;
  return greet !== null && greet.length === segments.length && greet.every((name, index) => name === segments[index]);
}

export function contextFor(request: Request, config: Config, url = new URL(request.url)): ResponseContext {
  return {
    isHead: request.method === "HEAD",
    wantsJson: prefersJson(request.headers.get("Accept"), url.searchParams.get("format")),
    config,
  };
}
