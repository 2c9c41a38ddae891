import { html } from "hono/html";
import { type Markup, renderPage } from "./layout.js";

/** Longer names are cut here (README, "Greeting page"). */
export const MAX_NAME_LENGTH = 100;

/** The first non-empty `name` wins; none greets the World, as in the article. */
export function chooseGreetingName(names: readonly string[]): string {
  const first = names.map((name) => name.trim()).find((name) => name !== "") ?? "";
  return first === "" ? "World" : Array.from(first).slice(0, MAX_NAME_LENGTH).join("");
}

export function renderGreeting(name: string): Markup {
  return renderPage({ title: `Hello ${name}!`, body: html`<h1>Hello ${name}!</h1>` });
}
