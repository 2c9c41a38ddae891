import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package's own folder (two up from dist/cli or src/cli). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const WORKER_ENTRY = path.join(PACKAGE_ROOT, "src", "worker", "index.ts");
