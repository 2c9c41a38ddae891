import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCommand } from "./args.js";
import { printError, printLine } from "./log.js";
import { PACKAGE_ROOT } from "./paths.js";
import { UsageError, UserError } from "./user-error.js";

/** Exit codes: 0 clean stop, 1 runtime failure or refused input, 2 usage error (README). */
async function main(argv: readonly string[]): Promise<void> {
  const command = parseCommand(argv);
  switch (command.kind) {
    case "help":
      return printLine(command.text.trimEnd());
    case "version":
      return printLine(describeVersion());
    case "usage-error":
      printError(`${command.message}. See edgeserve --help`);
      process.exitCode = 2;
      return;
    case "serve": {
      // Miniflare, the watcher and the manifest builder load only here: --help, --version and
      // usage errors answer without them.
      const { serve } = await import("./serve.js");
      return serve(command.options);
    }
    case "deploy": {
      const { deploy } = await import("./deploy.js");
      return deploy(command.options);
    }
    default:
      return command satisfies never;
  }
}

function describeVersion(): string {
  const read = (file: string) => JSON.parse(readFileSync(path.join(PACKAGE_ROOT, file), "utf8")) as { version: string };
  const own = read("package.json").version;
  let workerd = "unknown";
  try {
    workerd = read("node_modules/workerd/package.json").version;
  } catch {
    // workerd hoisted elsewhere: the version is then not worth a failure.
  }
  return `edgeserve ${own} (workerd ${workerd})`;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UserError) printError(error.message);
  else printError(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
