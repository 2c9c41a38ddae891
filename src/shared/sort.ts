// Natural, case-insensitive name order ("file2" before "file10"), as Caddy and serve do;
// ties broken by code units so the order is total and stable.
const NAME_COLLATOR = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export function compareNames(left: string, right: string): number {
  return NAME_COLLATOR.compare(left, right) || (left < right ? -1 : left > right ? 1 : 0);
}
