import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../helpers/cli.js";

/** the soak's short form (`npm run soak -- --quick`): mixed load, no 5xx, bounded memory. */
describe("the soak, short form", () => {
  it("passes: no errors, no 5xx, no wrong answers, memory within its bound", async () => {
    const child = spawn(process.execPath, ["bench/soak.js", "--quick"], { cwd: PACKAGE_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(output).toContain("PASSED");
    expect(code).toBe(0);
  }, 120_000);
});
