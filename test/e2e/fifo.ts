import { execFileSync } from "node:child_process";

/** Node has no mkfifo; coreutils does. */
export function mkfifo(file: string): void {
  execFileSync("mkfifo", [file]);
}
