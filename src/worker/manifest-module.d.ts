/** The generated manifest module (src/manifest/write.ts), bound by a wrangler `alias`. */
declare module "edgeserve:manifest" {
  export const directories: Record<string, string>;
}
