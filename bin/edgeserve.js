#!/usr/bin/env node
// Ctrl-C while the CLI is still loading exits 0 too (README, exit codes). These listeners stay for
// the whole run and step aside once the CLI has its own: removing them could drop a signal that
// has already arrived.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (process.listenerCount(signal) === 1) process.exit(0);
  });
}
await import("../dist/cli/main.js");
