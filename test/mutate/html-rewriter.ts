/**
 * For `npm run mutate` only, which runs the worker's pure tests in Node: the part of workerd's
 * HTMLRewriter that test/worker/listing/html.test.ts uses (each element's tag and raw attribute
 * values, in document order). The real suite parses with the runtime's own.
 */
const RAW_TEXT = /(<(script|style)\b[^>]*>)[\s\S]*?<\/\2>|<!--[\s\S]*?-->/gi;
const START_TAG = /<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

interface ElementHandler {
  element(element: { tagName: string; attributes: IterableIterator<[string, string]> }): void;
}

class NodeHtmlRewriter {
  readonly #handlers: ElementHandler[] = [];

  on(selector: string, handler: ElementHandler): this {
    if (selector !== "*") throw new Error("the stand-in knows only the '*' selector");
    this.#handlers.push(handler);
    return this;
  }

  transform(response: Response): { text(): Promise<string> } {
    return { text: () => response.text().then((page) => this.#visit(page)) };
  }

  #visit(page: string): string {
    const markup = page.replace(RAW_TEXT, (_whole, startTag: string | undefined) => startTag ?? "");
    for (const [, name = "", attributeText = ""] of markup.matchAll(START_TAG)) {
      const attributes = [...attributeText.matchAll(ATTRIBUTE)].map(([, attribute = "", ...values]): [string, string] => [
        attribute.toLowerCase(),
        values.find((value) => value !== undefined) ?? "",
      ]);
      for (const handler of this.#handlers) handler.element({ tagName: name.toLowerCase(), attributes: attributes[Symbol.iterator]() });
    }
    return page;
  }
}

const scope = globalThis as { HTMLRewriter?: unknown };
scope.HTMLRewriter ??= NodeHtmlRewriter;
