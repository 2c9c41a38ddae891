import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { killGroup, makeFolder, PACKAGE_ROOT, startCli } from "../helpers/cli.js";

/** the CLI in a pseudo-terminal (util-linux `script`) and without one. */

async function runInTerminal(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const command = ["node", "bin/edgeserve.js", ...args].map((part) => `'${part}'`).join(" ");
  const child = spawn("script", ["-qfec", command, "/dev/null"], { cwd: PACKAGE_ROOT, detached: true, env: { ...process.env, ...env } });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in ${output}`)), 45_000);
      child.stdout.on("data", () => {
        const match = /Serving HTTP on \S+ port \d+ \((http:\/\/[^)]+)\)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    await (await fetch(new URL("missing.txt", url))).arrayBuffer();
    await (await fetch(url)).arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 500));
    return output;
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    killGroup(child, "SIGINT");
    await exited;
  }
}

describe("the request log on a terminal", () => {
  it("colours statuses by class on a terminal", async () => {
    const folder = await makeFolder({ "a.txt": "a\n" });
    const output = await runInTerminal([folder, "--port", "0"], { NO_COLOR: "" });
    expect(output).toMatch(/GET \/missing\.txt \u001b\[33m404\u001b\[0m/);
    expect(output).toMatch(/GET \/ \u001b\[32m200\u001b\[0m/);
  });

  it("never colours with NO_COLOR, even on a terminal", async () => {
    const folder = await makeFolder({ "a.txt": "a\n" });
    const output = await runInTerminal([folder, "--port", "0"], { NO_COLOR: "1" });
    expect(output).toMatch(/GET \/missing\.txt 404 /);
    expect(output).not.toContain("\u001b[");
  });

  it("never colours when not a terminal", async () => {
    const folder = await makeFolder({ "a.txt": "a\n" });
    const server = await startCli([folder, "--port", "0"]);
    try {
      await (await fetch(new URL("missing.txt", server.url))).arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(server.output().stdout).toMatch(/GET \/missing\.txt 404 /);
      expect(server.output().stdout).not.toContain("\u001b[");
    } finally {
      await server.stop();
    }
  });
});
