import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

export const PACKAGE_ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface RunningCli {
  child: ChildProcess;
  url: string;
  output(): { stdout: string; stderr: string };
  /** Ctrl-C to the whole process group (npx runs the bin through sh: docs/runtime-facts.md; resolves the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  /** Run bin/edgeserve.js with node instead of through npx (to see the CLI's own exit code). */
  direct?: boolean;
  /** Extra environment for the CLI. */
  env?: NodeJS.ProcessEnv;
}

/** `npx edgeserve ARGS` from the checkout, in its own process group. */
export function spawnCli(args: readonly string[], { direct = false, env = {} }: SpawnOptions = {}): ChildProcess {
  const [command, prefix] = direct ? [process.execPath, ["bin/edgeserve.js"]] : ["npx", ["--no-install", "edgeserve"]];
  return spawn(command, [...prefix, ...args], {
    cwd: PACKAGE_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
}

/** Runs the CLI to completion (for commands that exit by themselves), bounded by `timeoutMs`. */
export async function runCli(args: readonly string[], timeoutMs = 30_000): Promise<Finished> {
  const child = spawnCli(args);
  const output = collect(child);
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), timeoutMs);
  const code = await exitOf(child);
  clearTimeout(timer);
  return { code, ...output() };
}

/** Starts a server and waits for its "Serving HTTP on … (URL)" line. */
export async function startCli(args: readonly string[], options: SpawnOptions & { timeoutMs?: number } = {}): Promise<RunningCli> {
  const timeoutMs = options.timeoutMs ?? 45_000;
  const child = spawnCli(args, options);
  const output = collect(child);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child, "SIGKILL");
      reject(new Error(`edgeserve did not start in ${timeoutMs} ms:\n${JSON.stringify(output())}`));
    }, timeoutMs);
    const check = () => {
      const match = /Serving HTTP on \S+ port \d+ \((https?:\/\/[^)]+)\)/.exec(output().stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`edgeserve exited with ${code} before serving:\n${JSON.stringify(output())}`));
    });
  });
  return {
    child,
    url,
    output,
    async stop(signal = "SIGINT") {
      if (child.exitCode !== null) return child.exitCode;
      const exited = exitOf(child);
      killGroup(child, signal);
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

function collect(child: ChildProcess): () => { stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return () => ({ stdout, stderr });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** A fresh temp folder holding `files` (relative path → content). */
export async function makeFolder(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "edgeserve-test-"));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return root;
}

/** Temporary folders a test file makes (`make`) or is handed (`track`), all removed after the file. */
export function temporaryFolders(): { make(prefix: string): Promise<string>; track(folder: string): string } {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });
  return {
    async make(prefix) {
      return this.track(await mkdtemp(path.join(os.tmpdir(), prefix)));
    },
    track(folder) {
      folders.push(folder);
      return folder;
    },
  };
}
