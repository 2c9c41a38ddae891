import type { ParseArgsConfig } from "node:util";

/** Every flag of the command line, declared once, with the help text that describes it. */

const SHARED = {
  directory: { type: "string", short: "d" },
  home: { type: "string" },
  greet: { type: "string" },
  "cache-max-age": { type: "string" },
  digests: { type: "boolean" },
  verbose: { type: "boolean" },
  cors: { type: "boolean" },
  header: { type: "string", multiple: true },
  auth: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  compress: { type: "boolean" },
  "clean-urls": { type: "boolean" },
  spa: { type: "string" },
} as const satisfies ParseArgsConfig["options"];

export const SERVE_FLAGS = {
  ...SHARED,
  port: { type: "string", short: "p" },
  host: { type: "string", short: "H" },
  bind: { type: "string", short: "b" },
  quiet: { type: "boolean", short: "q" },
  "log-format": { type: "string" },
  open: { type: "boolean", short: "o" },
  tls: { type: "boolean" },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  reload: { type: "boolean" },
} as const satisfies ParseArgsConfig["options"];

export const DEPLOY_FLAGS = {
  ...SHARED,
  name: { type: "string" },
  alias: { type: "string" },
  production: { type: "boolean" },
  "dry-run": { type: "boolean" },
  outdir: { type: "string" },
} as const satisfies ParseArgsConfig["options"];

export const HELP_TEXT = `edgeserve — serve a folder on the Cloudflare Workers runtime

Usage:
  edgeserve [DIR] [PORT] [options]   serve DIR (default: the current folder)
  edgeserve deploy [DIR] [options]   upload a preview copy of DIR to Cloudflare

Serve:
  -d, --directory DIR    the folder to serve, as in python3 -m http.server (or give DIR alone)
  -p, --port N           port to listen on (default 8000; 0 picks a free one); a bare
                         number works too (edgeserve 9000) unless a folder has that name
  -H, --host ADDR        address to bind (default 127.0.0.1; 0.0.0.0 exposes DIR to your network)
                         (-b, --bind is the same, as in python3 -m http.server)
      --home PAGE        serve PAGE (a file in DIR) at /, e.g. --home mywebpage.html
      --greet PATH|off   the greeting page: PATH?name=Billy says Hello Billy! (default /hello)
      --cache-max-age S  let browsers cache files for S seconds (default 0: always revalidate)
      --digests          compute SHA-256 of every file for the JSON listing (slower start)
  -q, --quiet            no request log
      --log-format F     request log as text (default) or json, one object per line
  -o, --open             open the URL in the default browser
      --verbose          show the runtime's own output

Dev server:
      --compress         gzip or brotli for text files by Accept-Encoding (precompressed
                         NAME.br / NAME.gz beside a file are used when not older than it)
      --clean-urls       /about serves about.html, and /about.html redirects to /about
      --spa[=PAGE]       a path with no extension that matches nothing gets PAGE (default
                         index.html) with 200; give the page after "=": --spa=app.html
      --cors             let any web page read the answers (Access-Control-Allow-Origin: *)
      --header "N: V"    add the header N: V to every answer (repeatable)
      --auth USER:PASS   ask for this user name and password (HTTP Basic) on every path;
                         or set EDGESERVE_AUTH=USER:PASS to keep it out of shell history
                         (--auth wins over EDGESERVE_AUTH)
      --tls              HTTPS on the same port, with a self-signed certificate kept in
                         your cache folder (its SHA-256 fingerprint is printed at start)
      --tls-cert FILE    HTTPS with this PEM certificate (chain) instead, with --tls-key
      --tls-key FILE     the PEM private key of --tls-cert
      --reload           reload open pages when the folder changes (stylesheets in place)

Deploy (needs CLOUDFLARE_API_TOKEN, or a wrangler login):
      --name NAME        the Worker's name (default: the folder's name)
      --alias ALIAS      preview alias (default: the git branch, else the folder's name)
      --production       deploy to production instead of uploading a preview version
      --dry-run          build everything and list what would be uploaded; upload nothing
      --outdir D         where --dry-run writes the bundle and the asset list
      -d/--directory, --home, --greet, --cache-max-age, --digests as above, and the
      Dev server flags --compress, --clean-urls, --spa, --cors, --header, --auth
      (--auth is sent as a Worker secret)

Other:
  -h, --help             this help
  -v, --version          edgeserve's version and the workerd it runs on

Examples:
  edgeserve                          the current folder on http://127.0.0.1:8000/
  edgeserve public --home mywebpage.html --greet /
  edgeserve 9000                     python's habit: the current folder on port 9000
  edgeserve ~/photos --port 9000 --host 0.0.0.0
  edgeserve deploy site --name my-preview --dry-run --outdir out
`;
