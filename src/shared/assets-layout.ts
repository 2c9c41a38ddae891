/**
 * Allowed files sit under this folder of the assets directory, so no file of the served folder
 * lands where the platform reads `_headers`, `_redirects` or `_worker.js` (docs/runtime-facts.md, "The static-assets binding").
 */
export const ASSET_PREFIX = "f";
