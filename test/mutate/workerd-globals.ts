import { timingSafeEqual } from "node:crypto";

/** For `npm run mutate` only: workerd's non-standard `crypto.subtle.timingSafeEqual`, which Node lacks. */
const subtle = crypto.subtle as SubtleCrypto & {
  timingSafeEqual?: (left: ArrayBuffer | ArrayBufferView, right: ArrayBuffer | ArrayBufferView) => boolean;
};
const bytesOf = (data: ArrayBuffer | ArrayBufferView) =>
  ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
subtle.timingSafeEqual ??= (left, right) => timingSafeEqual(bytesOf(left), bytesOf(right));
