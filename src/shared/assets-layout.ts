/**
 * Allowed files sit under this folder of the assets directory, so no file of the served folder
 * lands where the platform reads `_headers`, `_redirects` or `_worker.js` (PLATFORM.md).
 */
export const ASSET_PREFIX = "f";
