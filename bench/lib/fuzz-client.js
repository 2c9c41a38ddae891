import { connect } from "node:net";
import { parseResponses } from "./fuzz-framing.js";

/**
 * The fuzzer's raw client: one fresh connection to 127.0.0.1 per case, the case's exact bytes,
 * then a half-close (FIN), so a server that has answered everything it can should close: waiting
 * for the close, not for a guess at how many answers come, is what makes a hang visible.
 */
export function sendCase({ port, fuzzCase, timeoutMs }) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    const chunks = [];
    let error = null;
    let isTimedOut = false;
    const started = performance.now();
    const timer = setTimeout(
      () => {
        isTimedOut = true;
        socket.destroy();
      },
      timeoutMs + fuzzCase.delayMs * fuzzCase.pieces.length,
    );
    socket.on("data", (chunk) => chunks.push(chunk));
    // A reset after an answer is the server dropping bytes it did not read, not a failure by itself.
    socket.on("error", (socketError) => (error ??= socketError.code ?? socketError.message));
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ bytes: Buffer.concat(chunks), isClosed: !isTimedOut, isTimedOut, error, milliseconds: performance.now() - started });
    });
    socket.once("connect", () => writePieces(socket, fuzzCase));
  });
}

async function writePieces(socket, { pieces, delayMs }) {
  for (const [index, piece] of pieces.entries()) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (socket.destroyed) return;
    socket.write(piece);
  }
  if (!socket.destroyed) socket.end();
}

const LIVENESS_REQUEST = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

/**
 * Liveness: `GET /` on a fresh connection gets a whole answer below 500 within `timeoutMs`.
 * `isRefused` tells a server that is gone (nothing listens) from one that stalls.
 */
export async function checkLiveness({ port, timeoutMs }) {
  const fuzzCase = { pieces: [Buffer.from(LIVENESS_REQUEST)], delayMs: 0 };
  const result = await sendCase({ port, fuzzCase, timeoutMs });
  const { responses, errors } = parseResponses(result.bytes, { methods: ["GET"], isClosed: result.isClosed });
  const status = responses[0]?.status ?? null;
  const isAlive = errors.length === 0 && status !== null && status < 500;
  return {
    isAlive,
    status,
    isRefused: result.error === "ECONNREFUSED",
    detail:
      result.error ?? errors[0] ?? (result.isTimedOut ? "timed out" : status === null ? "closed without an answer" : `status ${status}`),
  };
}
