/** An expected failure with a sentence for the user; main.ts prints it and exits 1 (no stack trace). */
export class UserError extends Error {}

/** A value the command line cannot take (a bad --name, --alias): exit 2 like every usage error (README). */
export class UsageError extends UserError {}
