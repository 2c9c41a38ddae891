import { describe, expect, it } from "vitest";
import { renderErrorPage, showPath } from "../../../src/worker/pages/error.js";

describe("renderErrorPage", () => {
  const render = async (path?: string) => (await renderErrorPage(404, "Nothing is served at this address.", path)).toString();

  it("names the path asked for, escaped", async () => {
    const page = await render('/<script>alert(1)</script>/"x".txt');
    expect(page).toContain("<p>You asked for <code>/&lt;script&gt;alert(1)&lt;/script&gt;/&quot;x&quot;.txt</code>.</p>");
    expect(page).not.toContain("<script>alert(1)");
  });

  it("says nothing about a path when given none", async () => {
    expect(await render()).not.toContain("You asked for");
  });

  it.each<[string, string]>([
    ["/caf%C3%A9/", "/café/"],
    ["/a%20b.txt", "/a b.txt"],
    ["/%E0%A4%A", "/%E0%A4%A"],
    ["/50%", "/50%"],
  ])("shows %j as %j", (pathname, shown) => {
    expect(showPath(pathname)).toBe(shown);
  });
});
