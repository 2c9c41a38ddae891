import { describe, expect, it } from "vitest";
import { chooseGreetingName, MAX_NAME_LENGTH } from "../../../src/worker/pages/greeting.js";

describe("chooseGreetingName", () => {
  it.each<[string, string[]]>([
    ["World", []],
    ["World", [""]],
    ["World", ["   "]],
    ["Billy", ["Billy"]],
    ["Billy", ["  Billy  "]],
    ["Billy", ["Billy", "Ann"]],
    ["Billy Bob", ["Billy Bob"]],
    ["<script>alert(1)</script>", ["<script>alert(1)</script>"]],
    ["Zoë 😀", ["Zoë 😀"]],
    // Its docstring: "The first non-empty `name` wins" (?name=&name=Ann greets Ann).
    ["Ann", ["", "Ann"]],
    ["Ann", ["   ", "Ann", "Bob"]],
  ])("greets %j for names %j", (expected, names) => {
    expect(chooseGreetingName(names)).toBe(expected);
  });

  it("keeps a name of exactly MAX_NAME_LENGTH code points whole", () => {
    const name = "a".repeat(MAX_NAME_LENGTH);
    expect(chooseGreetingName([name])).toBe(name);
  });

  it("cuts a longer name to MAX_NAME_LENGTH code points", () => {
    expect(chooseGreetingName(["b".repeat(MAX_NAME_LENGTH + 50)])).toBe("b".repeat(MAX_NAME_LENGTH));
  });

  it("counts code points, not UTF-16 units, and never splits a surrogate pair", () => {
    const chosen = chooseGreetingName(["😀".repeat(MAX_NAME_LENGTH + 1)]);
    expect(Array.from(chosen)).toHaveLength(MAX_NAME_LENGTH);
    expect(chosen).toBe("😀".repeat(MAX_NAME_LENGTH));
    expect(encodeURIComponent(chosen)).toBe(encodeURIComponent("😀").repeat(MAX_NAME_LENGTH));
  });

  it("trims before counting, so surrounding spaces do not use up the limit", () => {
    const name = "c".repeat(MAX_NAME_LENGTH);
    expect(chooseGreetingName([`     ${name}     `])).toBe(name);
  });
});
