/** Bindings and variables the worker is started with (wrangler.toml, or the CLI's generated config). */
export interface Env {
  /** The disk-directory service over the CLI's folder of links (`edgeserve DIR`); wins when present. */
  FILES?: Fetcher;
  /** The static-assets binding (deploys and `wrangler dev`). */
  ASSETS?: Fetcher;
  /** Page served for "/", relative to the folder; "" for none. */
  HOME_PAGE?: string;
  /** Path of the greeting page; "" or "off" for none. */
  GREET_PATH?: string;
  /** "greeting" when the user chose the greeting path, so it wins over a real entry there. */
  GREET_PRECEDENCE?: string;
  /** Seconds for Cache-Control max-age; "0" (default) means revalidate every time. */
  CACHE_MAX_AGE?: string;
  /** "1" on preview deploys: every answer carries X-Robots-Tag: noindex. */
  IS_PREVIEW?: string;
  /** Secret of this run for the CLI's manifest push; unset (wrangler dev, deploys) disables it. */
  CONTROL_TOKEN?: string;
  /** "1" (--cors): Access-Control-Allow-Origin: * on every answer and preflights answered (src/worker/cors.ts). */
  CORS?: string;
  /** --header: a JSON array of {name, value} added to every answer (src/worker/extra-headers.ts). */
  EXTRA_HEADERS?: string;
  /** "1" (--auth): HTTP Basic on every path, against EDGESERVE_AUTH (src/worker/auth.ts). */
  AUTH_REQUIRED?: string;
  /** "USER:PASS": a secret on the edge, a binding of the private workerd config locally; never a plain variable. */
  EDGESERVE_AUTH?: string;
  /** "off" silences the per-request log line (src/shared/request-log.ts); anything else is on. */
  REQUEST_LOG?: string;
  /** "on": --compress (src/worker/encoding.ts); anything else is off. */
  COMPRESS?: string;
  /** "on": --clean-urls (src/worker/resolve.ts); anything else is off. */
  CLEAN_URLS?: string;
  /** --spa PAGE, relative to the folder; "" or unset for none. */
  SPA_PAGE?: string;
  /** "on" (only `edgeserve DIR --reload`): HTML answers get the reload script, /.edgeserve/events streams changes. */
  RELOAD?: string;
}
