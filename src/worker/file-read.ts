import type { FileEntry } from "../shared/manifest.js";
import { chooseRepresentation, validatorsFor } from "./encoding.js";
import { decideFile } from "./file.js";
import type { Outcome } from "./outcome.js";
import type { ReadInput } from "./read.js";
import { findPrecompressedSiblings } from "./resolve.js";

export interface ResolvedFile {
  segments: string[];
  entry: FileEntry;
}

/**
 * One manifest file to its outcome. With --compress the representation is chosen first, since
 * its validators decide 304 and 412; a precompressed sibling is then read instead of the file,
 * while the answer keeps the file's own Content-Type (README "Compression").
 */
export async function decideFileRead(file: ResolvedFile, { request, config, manifest }: ReadInput): Promise<Outcome> {
  const method = request.method === "HEAD" ? "HEAD" : "GET";
  const { headers } = request;
  const common = { method, headers, files: config.files } as const;
  if (!config.isCompressionOn) {
    return { kind: "file", entry: file.entry, decision: await decideFile({ ...common, ...file }) };
  }
  const representation = chooseRepresentation({
    acceptEncoding: headers.get("Accept-Encoding"),
    hasRange: headers.has("Range"),
    entry: file.entry,
    siblings: findPrecompressedSiblings(file.segments, manifest),
  });
  const source = representation.kind === "precompressed" ? representation.file : file;
  const validators = validatorsFor(file.entry, representation);
  const decision = await decideFile({ ...common, ...source, ...(validators === undefined ? {} : { validators }) });
  return { kind: "file", entry: file.entry, decision, representation };
}
