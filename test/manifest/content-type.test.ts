import { describe, expect, it } from "vitest";
import { contentTypeFor } from "../../src/manifest/content-type.js";

describe("contentTypeFor", () => {
  it.each([
    ["page.html", "text/html; charset=utf-8"],
    ["notes.txt", "text/plain; charset=utf-8"],
    ["data.json", "application/json; charset=utf-8"],
    ["app.js", "text/javascript; charset=utf-8"],
    ["feed.xml", "application/xml; charset=utf-8"],
    ["site.webmanifest", "application/manifest+json; charset=utf-8"],
    ["data.jsonld", "application/ld+json; charset=utf-8"],
    ["logo.svg", "image/svg+xml; charset=utf-8"],
    ["photo.png", "image/png"],
    ["movie.mp4", "video/mp4"],
    ["archive.zip", "application/zip"],
    ["book.epub", "application/epub+zip"],
    ["schema.dtd", "application/xml-dtd"],
    ["list.jsonml", "application/jsonml+json"],
    ["page.xhtml", "application/xhtml+xml"],
    ["no-extension", "application/octet-stream"],
    ["unknown.qqqq", "application/octet-stream"],
  ])("gives %s the type %s, with UTF-8 only for text", (name, expected) => {
    expect(contentTypeFor(name)).toBe(expected);
  });
});
