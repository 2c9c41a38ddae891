import type { FileEntry } from "../shared/manifest.js";
import type { Representation } from "./encoding.js";
import type { FileOutcome } from "./file.js";

/**
 * Everything a request can come to. The deciders (src/worker/read.ts, the routes in index.ts)
 * return one; src/worker/respond.ts alone turns it into a Response, status and all.
 */
export type Outcome =
  | { kind: "headers-too-large" }
  | { kind: "address-too-long" }
  | { kind: "bad-path" }
  | { kind: "method-not-allowed" }
  | { kind: "options" }
  | { kind: "preflight"; allowHeaders: string | null }
  | { kind: "unauthorized" }
  | { kind: "greeting"; name: string }
  | { kind: "add-slash"; location: string; query: string }
  | { kind: "listing"; body: Uint8Array }
  | { kind: "missing"; requestedPath: string; page: FolderPage | null }
  | { kind: "clean-url-redirect"; location: string; query: string }
  /** `representation` only with --compress (absent: the file's own bytes, no Vary). */
  | { kind: "file"; entry: FileEntry; decision: FileOutcome; representation?: Representation }
  | { kind: "manifest-taken"; generation: number }
  /** A change pushed against another generation than the one served (after a restart). */
  | { kind: "manifest-out-of-step"; generation: number }
  | { kind: "reload-events"; body: ReadableStream<Uint8Array> }
  | { kind: "internal-error" };

/** A file of the folder shown as the body of another status (its own 404.html). */
export interface FolderPage {
  entry: FileEntry;
  length: number;
  body: ReadableStream<Uint8Array>;
}
