#!/usr/bin/env node
// Ctrl-C while the CLI is still loading exits 0 too (README, exit codes). These listeners stay for
// the whole run and step aside once the CLI has its own: removing them could drop a signal that
// has already arrived.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (process.listenerCount(signal) === 1) process.exit(0);
  });
}
// `ps` shows what runs (and the tests see that this line has run).
process.title = ["edgeserve", ...process.argv.slice(2)].join(" ");
await import("../dist/cli/main.js");
