import { describe, expect, it } from "vitest";
import { renderOnce as renderBytesOnce } from "../../../src/worker/listing/cache.js";

/** The kept bytes as text, to compare with what was rendered. */
const renderOnce = async (owner: object, key: string, render: () => Promise<string>) =>
  new TextDecoder().decode(await renderBytesOnce(owner, key, render));

/** Rendered listings kept per manifest object: counts how often a render really runs. */
function counter() {
  const calls: string[] = [];
  const render = (text: string) => async () => {
    calls.push(text);
    return text;
  };
  return { calls, render };
}

describe("renderOnce", () => {
  it("renders a key once per owner and answers the kept text after", async () => {
    const owner = {};
    const { calls, render } = counter();
    expect([
      await renderOnce(owner, "html name asc docs", render("first")),
      await renderOnce(owner, "html name asc docs", render("second")),
    ]).toEqual(["first", "first"]);
    expect(calls).toEqual(["first"]);
  });

  it("keeps each owner's texts apart, so a new manifest starts empty", async () => {
    const { calls, render } = counter();
    await renderOnce({}, "key", render("old"));
    expect(await renderOnce({}, "key", render("new"))).toBe("new");
    expect(calls).toEqual(["old", "new"]);
  });

  it("keeps 32 texts per owner, dropping the oldest for the 33rd", async () => {
    const owner = {};
    const { calls, render } = counter();
    for (let index = 0; index < 33; index += 1) await renderOnce(owner, `key ${index}`, render(`text ${index}`));
    await renderOnce(owner, "key 1", render("again 1"));
    await renderOnce(owner, "key 0", render("again 0"));
    expect(calls.slice(33)).toEqual(["again 0"]);
  });
});
