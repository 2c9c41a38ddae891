/**
 * The worker prints one line per request: this marker, then a RequestLogRecord as JSON. The CLI
 * picks these lines out of the runtime's output and formats them (src/cli/log.ts).
 */
export const REQUEST_LOG_MARKER = "edgeserve:request ";

export interface RequestLogRecord {
  method: string;
  path: string;
  status: number;
  bytes: number;
  ms: number;
}

/** How the worker's own unexpected errors start; the CLI always shows these. */
export const INTERNAL_ERROR_PREFIX = "edgeserve: internal error: ";
