/**
 * The fuzzer's seeded PRNG: mulberry32, 32 bits of state, so a `--seed` reproduces every mutated
 * request byte for byte on any machine (Math.random cannot be seeded). Not for anything secret.
 */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
  /** A whole number in [0, below). */
  const integer = (below) => Math.floor(next() * below);
  return {
    next,
    integer,
    pick: (items) => items[integer(items.length)],
    isChance: (probability) => next() < probability,
  };
}
