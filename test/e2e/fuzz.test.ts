import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../helpers/cli.js";

/**
 * the fuzzer's short, seeded form (`npm run fuzz -- --quick`): the whole hostile catalogue
 * and a short mutation run, with no process death, 5xx, hang, framing error or leak.
 */
describe("the fuzzer, short form", () => {
  it("finds nothing: no death, 5xx, hang, framing error or leak", async () => {
    const child = spawn(process.execPath, ["bench/fuzz.js", "--quick"], { cwd: PACKAGE_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(output).toMatch(/fuzz summary: \d+ requests sent .*: process deaths 0, 5xx 0, hangs 0, framing errors 0, leaks 0/);
    expect(output).toContain("PASSED");
    expect(code).toBe(0);
  }, 120_000);
});
