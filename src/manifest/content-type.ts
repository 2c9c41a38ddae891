import mime from "mime";

// Text the browser should decode as UTF-8 without sniffing (X-Content-Type-Options: nosniff).
const UTF8_TYPES = /^(text\/|application\/(json|javascript|xml|manifest\+json|ld\+json)$|image\/svg\+xml$)/;

export function contentTypeFor(name: string): string {
  const type = mime.getType(name) ?? "application/octet-stream";
  return UTF8_TYPES.test(type) ? `${type}; charset=utf-8` : type;
}
