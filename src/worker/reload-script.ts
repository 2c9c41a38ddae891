import { RELOAD_EVENTS_PATH } from "../shared/control.js";

/**
 * The script --reload adds to HTML answers. Constant text, so a Content-Security-Policy can allow
 * it by its SHA-256 (src/worker/reload-policy.ts). On "css" it re-fetches each same-origin
 * stylesheet under a fresh query and drops the old <link> once the new one has loaded (no flash,
 * and the page's state survives); on "reload" it reloads the page.
 */
export const RELOAD_SCRIPT = `(() => {
  const events = new EventSource(${JSON.stringify(RELOAD_EVENTS_PATH)});
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", () => {
    for (const link of document.querySelectorAll('link[rel~="stylesheet" i][href]')) {
      const url = new URL(link.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("edgeserve-reload", String(Date.now()));
      const fresh = link.cloneNode();
      fresh.href = url.href;
      const done = () => link.remove();
      fresh.addEventListener("load", done);
      fresh.addEventListener("error", done);
      link.after(fresh);
    }
  });
})();`;
