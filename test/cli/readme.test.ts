import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { HELP_TEXT, parseCommand } from "../../src/cli/args.js";
import { chooseWorkerName } from "../../src/cli/deploy-checks.js";
import { formatRequestLine, printStartup, summarizeFolder } from "../../src/cli/log.js";
import { UsageError } from "../../src/cli/user-error.js";
import { buildFolderIndex } from "../../src/manifest/build.js";
import { PACKAGE_ROOT } from "../helpers/cli.js";

/** the README is exactly true where a test can say so. */

const README = readFileSync(path.join(PACKAGE_ROOT, "README.md"), "utf8");
const section = (title: string) => {
  const start = README.indexOf(`\n## ${title}`);
  expect(start).toBeGreaterThan(-1);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end === -1 ? undefined : end);
};
const longFlags = (text: string) => new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]+/g)].map((match) => match[0]));

describe("the README against the code", () => {
  it("documents every flag the help lists, and no flag the help does not know", () => {
    const usage = section("Usage");
    const help = longFlags(HELP_TEXT);
    const table = longFlags(usage.slice(usage.indexOf("| flag |"), usage.indexOf("**python's positional port.**")));
    const deploy = longFlags(section("Deploy a preview"));
    for (const flag of help) expect(table.has(flag) || deploy.has(flag), flag).toBe(true);
    for (const flag of table) expect(help.has(flag), flag).toBe(true);
  });

  it("states the Node requirement package.json enforces", () => {
    const { engines } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { engines: { node: string } };
    expect(engines.node).toBe(">=20.19");
    expect(section("Quick start")).toContain("Needs Node 20.19 or newer (package.json `engines`: `>=20.19`)");
  });

  it("links nothing outside the repository", () => {
    expect(README).not.toMatch(/\]\(\.\.\/|`\.\.\/|\/work\/shared/);
  });

  it("gives exit code 2 to each usage error it names", () => {
    const usage = section("Usage");
    expect(usage).toContain('2 usage error (unknown flag, a bad value such as `-p -1`,\n`--greet hello` or `deploy --name "Bad Name"`)');
    for (const argv of [["--nope"], ["-p", "-1"], ["--greet", "hello"]]) expect(parseCommand(argv).kind).toBe("usage-error");
    expect(() => chooseWorkerName("Bad Name", "/x")).toThrow(UsageError);
  });

  it("shows the start-up the code prints for public/, and request lines in the log's format", async () => {
    const block = section("Quick start").split("```\n$ npm start\n")[1]?.split("```")[0] ?? "";
    const lines = block.split("\n");
    const index = await buildFolderIndex(path.join(PACKAGE_ROOT, "public"));
    const printed: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((text) => printed.push(String(text)) > 0);
    try {
      printStartup(
        {
          root: "/work/wt-newcomer/public",
          ...summarizeFolder(index),
          host: "127.0.0.1",
          port: 8000,
          homePage: "mywebpage.html",
          greetPath: "/hello",
          seconds: 1.1,
        },
        {},
      );
    } finally {
      spy.mockRestore();
    }
    const startup = printed.join("").trimEnd().split("\n");
    expect(lines.slice(lines.indexOf(startup[0] as string), lines.indexOf(startup[0] as string) + startup.length)).toEqual(startup);
    const requests = lines.filter((line) => / (GET|HEAD) /.test(line));
    expect(requests.length).toBeGreaterThan(3);
    const example = formatRequestLine({ method: "GET", path: "/x", status: 200, bytes: 1, ms: 1 }, "text", false);
    const shape = (line: string) => line.replace(/^\S+Z /, "TIME ").replace(/ \S+ (\d{3}) \d+ \d+ms$/, " PATH $1 B MSms");
    for (const line of requests) expect(shape(line)).toMatch(/^TIME GET PATH \d{3} B MSms$/);
    expect(shape(example)).toBe("TIME GET PATH 200 B MSms");
    expect(lines).toContain("Stopping (Ctrl-C): goodbye.");
  });
});
