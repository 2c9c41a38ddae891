import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { PACKAGE_ROOT } from "./paths.js";
import { UserError } from "./user-error.js";

export interface WranglerRun {
  /** The folder wrangler runs in (its config and output live there). */
  workDirectory: string;
  /** quiet: shown only on failure; show: straight to the terminal; capture: returned, never thrown. */
  output: "quiet" | "show" | "capture";
  env?: Record<string, string>;
}

export interface WranglerResult {
  code: number | null;
  stdout: string;
  output: string;
}

/** The project's own wrangler (resolved from the package root, never a global one), run from the work folder. */
export async function runWrangler(args: string[], run: WranglerRun): Promise<WranglerResult> {
  const wrangler = createRequire(path.join(PACKAGE_ROOT, "package.json")).resolve("wrangler/bin/wrangler.js");
  const child = spawn(process.execPath, [wrangler, ...args], {
    cwd: run.workDirectory,
    env: { ...process.env, ...run.env },
    // "show" lets wrangler's progress and its rare questions (a Worker last edited in the dashboard) reach the user.
    stdio: run.output === "show" ? "inherit" : ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => child.once("error", reject).once("exit", resolve));
  if (run.output !== "capture" && code !== 0)
    throw new UserError(`wrangler ${args.slice(0, 2).join(" ")} failed (exit ${code})${output ? `:\n${tail(output)}` : ""}`);
  return { code, stdout, output };
}

export function tail(text: string): string {
  return text.trim().split("\n").slice(-15).join("\n");
}
