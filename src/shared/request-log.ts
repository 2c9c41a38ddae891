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
  /**
   * The client's address (IPv4, or IPv6 without brackets), when the worker knows it. On Miniflare's
   * direct sockets workerd tells the worker nothing about the peer (no CF-Connecting-IP, and
   * request.cf only from a client-sent MF-CF-Blob header), so it must come from a trusted hop that
   * strips any client-sent copy; never from a header the client controls.
   */
  client?: string;
}

/** How the worker's own unexpected errors start; the CLI always shows these. */
export const INTERNAL_ERROR_PREFIX = "edgeserve: internal error: ";
