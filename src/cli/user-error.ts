/** An expected failure with a sentence for the user; main.ts prints it and exits 1 (no stack trace). */
export class UserError extends Error {}
