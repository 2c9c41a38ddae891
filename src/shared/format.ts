const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/** 1536 → "1.5 KiB", 20 MiB → "20 MiB"; where exact bytes matter they are shown beside it. */
export function formatSize(bytes: number): string {
  let unit = 0;
  // Move up a unit when the rounded figure would reach 1024 ("1.0 MiB", not "1024 KiB").
  while (unit < UNITS.length - 1 && roundForDisplay(bytes / 1024 ** unit) >= 1024) unit += 1;
  return unit === 0 ? `${bytes} B` : `${formatFigure(bytes / 1024 ** unit)} ${UNITS[unit]}`;
}

function roundForDisplay(value: number): number {
  return value < 9.95 ? Math.round(value * 10) / 10 : Math.round(value);
}

function formatFigure(value: number): string {
  const rounded = roundForDisplay(value);
  return rounded < 10 ? rounded.toFixed(1) : String(rounded);
}
