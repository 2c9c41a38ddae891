/**
 * How the CLI talks to the runtime it started: a secret token (random per run, passed as a
 * binding) in this header, on paths no served file can have (a hidden segment).
 */
export const CONTROL_TOKEN_HEADER = "X-Edgeserve-Token";
export const MANIFEST_PUSH_PATH = "/.edgeserve/manifest";
export const FRONT_CONTROL_PREFIX = "/.edgeserve/front/";
