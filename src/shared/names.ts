/**
 * NUL and other control characters can never name a served file safely (they reach logs and
 * headers), and a backslash is a separator on Windows clients: no served name, request path or
 * --greet path may hold one.
 */
export const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f\\]/;
