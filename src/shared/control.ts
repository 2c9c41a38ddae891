/**
 * How the CLI talks to the runtime it started: a secret token (random per run, passed as a
 * binding) in this header, on a path no served file can have (a hidden segment).
 */
export const CONTROL_TOKEN_HEADER = "X-Edgeserve-Token";
export const MANIFEST_PUSH_PATH = "/.edgeserve/manifest";
/** The worker's answer to a push names the generation it now serves, so the CLI can check it. */
export const GENERATION_HEADER = "X-Edgeserve-Generation";
/** With --reload, each open page listens here for folder changes (Server-Sent Events). */
export const RELOAD_EVENTS_PATH = "/.edgeserve/events";
