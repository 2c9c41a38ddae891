import { mkdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFolder, PACKAGE_ROOT, type RunningCli, startCli } from "../helpers/cli.js";

// Debian's Chromium (.ci/install-chromium.sh); playwright-core ships no browser.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ARTIFACTS = path.join(PACKAGE_ROOT, "artifacts");
const HOSTILE_NAME = `notes & "ideas" <draft>.txt`;

const FILES: Record<string, string> = {
  "README.md": "# Demo\n".repeat(40),
  "report-2026.pdf": "%".repeat(250_000),
  "file2.txt": "two\n",
  "file10.txt": "ten\n".repeat(3),
  "server.log": "GET / 200\n".repeat(2_000),
  [HOSTILE_NAME]: "x".repeat(1_500),
  "docs/guide/intro.md": "# Intro\n",
  "docs/guide/setup.md": "# Setup\n".repeat(10),
  "docs/faq.md": "# FAQ\n",
  "photos/cat.jpg": "c".repeat(80_000),
};

describe("the directory listing in Chromium", () => {
  let server: RunningCli | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    const folder = await makeFolder(FILES);
    await dateTheFolder(folder);
    server = await startCli([folder, "--port", "0"]);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 900, height: 640 } });
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    // Init scripts run outside the page's CSP, so this listener sees every violation the policy blocks.
    await page.addInitScript(
      `document.addEventListener("securitypolicyviolation", (event) => console.error("CSP violation: " + event.violatedDirective + " " + event.blockedURI));`,
    );
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const visibleNames = () => page.locator("tbody tr:visible td:first-child").allInnerTexts();
  const url = (relative: string) => new URL(relative, server?.url).href;

  it("shows directories first, then files in natural name order, with a summary", async () => {
    await page.goto(url("/"));
    expect(await page.locator("h1").innerText()).toBe("Index of /");
    expect(await visibleNames()).toEqual([
      "docs/",
      "photos/",
      "file2.txt",
      "file10.txt",
      HOSTILE_NAME,
      "README.md",
      "report-2026.pdf",
      "server.log",
    ]);
    expect(await page.locator("th").allInnerTexts()).toEqual(["Name ▲", "Size", "Modified (UTC)"]);
    expect(await page.locator(".summary").innerText()).toBe("2 directories, 6 files, 265 KiB in total");
    expect(await page.locator("#none").isVisible()).toBe(false);
    expect(await page.locator("tbody tr", { hasText: "report-2026.pdf" }).locator("td").nth(1).getAttribute("title")).toBe("250,000 bytes");
  });

  it("sorts by size when the Size header is clicked, and reverses on a second click", async () => {
    await page.getByRole("link", { name: "Size" }).click();
    await page.waitForURL(/\?sort=size&order=asc$/);
    expect(await visibleNames()).toEqual([
      "docs/",
      "photos/",
      "file2.txt",
      "file10.txt",
      "README.md",
      HOSTILE_NAME,
      "server.log",
      "report-2026.pdf",
    ]);
    await page.getByRole("link", { name: "Size" }).click();
    await page.waitForURL(/\?sort=size&order=desc$/);
    // Directories stay first; having no size, they fall back to name order, reversed too.
    expect(await visibleNames()).toEqual([
      "photos/",
      "docs/",
      "report-2026.pdf",
      "server.log",
      HOSTILE_NAME,
      "README.md",
      "file10.txt",
      "file2.txt",
    ]);
    expect(await page.locator("th[aria-sort]").innerText()).toBe("Size ▼");
  });

  it("narrows the visible rows as the filter is typed into, and Escape restores them", async () => {
    await page.keyboard.press("/");
    await page.keyboard.type("FILE");
    expect(await visibleNames()).toEqual(["file10.txt", "file2.txt"]);
    expect(await page.locator("#shown").innerText()).toBe("2 shown");
    // The count stands apart from the total (a separator before it), never "in total 2 shown".
    expect(
      await page.locator("#shown").evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element, "::before").content),
    ).toBe('"·"');
    await page.keyboard.type("1");
    expect(await visibleNames()).toEqual(["file10.txt"]);
    expect(await page.locator("#filter").inputValue()).toBe("FILE1");
    await page.keyboard.press("Escape");
    expect(await visibleNames()).toHaveLength(8);
    expect(await page.locator("#shown").innerText()).toBe("");
  });

  it("opens a subdirectory with / then the arrow keys then Enter", async () => {
    await page.goto(url("/"));
    await page.keyboard.press("/");
    expect(await page.locator("#filter").evaluate((filter) => filter === filter.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await page.locator(":focus").innerText()).toBe("photos/");
    await page.keyboard.press("ArrowUp");
    expect(await page.locator(":focus").innerText()).toBe("docs/");
    await page.screenshot({ path: path.join(ARTIFACTS, "listing-keyboard.png") });
    await page.keyboard.press("Enter");
    await page.waitForURL(url("/docs/"));
    expect(await page.locator("h1").innerText()).toBe("Index of /docs/");
    expect(await visibleNames()).toEqual(["Parent directory", "guide/", "faq.md"]);
  });

  it("goes deeper by a link and back up by the breadcrumbs", async () => {
    await page.getByRole("link", { name: "guide/" }).click();
    await page.waitForURL(url("/docs/guide/"));
    expect(await visibleNames()).toEqual(["Parent directory", "intro.md", "setup.md"]);
    await page.screenshot({ path: path.join(ARTIFACTS, "listing-nested.png") });
    const breadcrumbs = page.getByRole("navigation", { name: "Breadcrumbs" });
    expect(await breadcrumbs.innerText()).toBe("Index of /docs/guide/");
    await breadcrumbs.getByRole("link", { name: "docs" }).click();
    await page.waitForURL(url("/docs/"));
    expect(await breadcrumbs.innerText()).toBe("Index of /docs/");
    await breadcrumbs.getByRole("link", { name: "Top folder" }).click();
    await page.waitForURL(url("/"));
    expect(await visibleNames()).toContain("report-2026.pdf");
  });

  it("fits a phone's width without sideways scrolling, Modified included", async () => {
    await page.goto(url("/"));
    await page.setViewportSize({ width: 375, height: 700 });
    expect(await page.locator("th").filter({ visible: true }).allInnerTexts()).toEqual(["Name ▲", "Size", "Modified (UTC)"]);
    expect(await page.locator("html").evaluate((root) => root.scrollWidth <= root.clientWidth)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, "listing-phone.png"), fullPage: true });
    await page.setViewportSize({ width: 900, height: 640 });
  });

  it.each(["light", "dark"] as const)("renders in the %s colour scheme and saves a screenshot", async (colorScheme) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(url("/"));
    const background = await page
      .locator("body")
      .evaluate((body) => body.ownerDocument.defaultView?.getComputedStyle(body).backgroundColor);
    expect(background).toBe(colorScheme === "light" ? "rgb(255, 255, 255)" : "rgb(22, 24, 27)");
    await page.screenshot({ path: path.join(ARTIFACTS, `listing-${colorScheme}.png`) });
  });

  it("logged no console error and no CSP violation on any page", () => {
    expect(problems).toEqual([]);
  });
});

describe("the listing's polish at 390 and 1280 px, light and dark, 2,000 entries", () => {
  const LONG_NAME = `${"QuarterlyReportWithoutAnySpacesOrDashes".repeat(4)}Final.txt`;
  let server: RunningCli | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    const files: Record<string, string> = { [LONG_NAME]: "long\n", "docs/a.txt": "a\n", "notes.txt": "n\n".repeat(300) };
    for (let index = 0; index < 2_000; index += 1) files[`big/entry-${String(index).padStart(4, "0")}.txt`] = "x".repeat(index);
    server = await startCli([await makeFolder(files), "--port", "0", "--quiet"]);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const url = (relative: string) => new URL(relative, server?.url).href;
  const box = async (selector: string) => {
    const found = await page.locator(selector).first().boundingBox();
    if (found === null) throw new Error(`${selector} has no box`);
    return found;
  };

  for (const width of [390, 1280]) {
    for (const colorScheme of ["light", "dark"] as const) {
      it(`at ${width} px, ${colorScheme}: icon beside a long name, Modified visible, no sideways scroll`, async () => {
        await page.setViewportSize({ width, height: 844 });
        await page.emulateMedia({ colorScheme });
        await page.goto(url("/"));
        const link = page.locator("tbody tr", { hasText: "QuarterlyReport" }).locator("td:first-child > a");
        // The icon (::before) sits at the link's top left; the name's first letter starts on the same line, right of it.
        const geometry = await link.evaluate((element) => {
          const range = element.ownerDocument.createRange();
          const text = element.firstChild!;
          range.setStart(text, 0);
          range.setEnd(text, 1);
          const letter = range.getBoundingClientRect();
          const own = element.getBoundingClientRect();
          const icon = element.ownerDocument.defaultView!.getComputedStyle(element, "::before");
          const lineHeight = parseFloat(element.ownerDocument.defaultView!.getComputedStyle(element).lineHeight);
          return {
            letterTop: letter.top,
            letterLeft: letter.left,
            top: own.top,
            left: own.left,
            iconTop: parseFloat(icon.top),
            iconHeight: parseFloat(icon.height),
            lineHeight,
            lines: Math.round(own.height / lineHeight),
          };
        });
        expect(geometry.letterTop - geometry.top).toBeLessThan(geometry.lineHeight / 2);
        expect(geometry.letterLeft - geometry.left).toBeGreaterThan(10);
        expect(geometry.iconTop + geometry.iconHeight).toBeLessThanOrEqual(geometry.lineHeight);
        if (width === 390) expect(geometry.lines).toBeGreaterThan(1);
        // Modified stays, and its date fits its cell.
        const modified = page.locator("tbody tr", { hasText: "notes.txt" }).locator("td").nth(2);
        expect(await modified.isVisible()).toBe(true);
        expect(await modified.evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true);
        expect(await page.locator("th").filter({ visible: true }).allInnerTexts()).toEqual(["Name ▲", "Size", "Modified (UTC)"]);
        expect(await page.locator("html").evaluate((root) => root.scrollWidth <= root.clientWidth)).toBe(true);
        // Sortable headers look like links: underlined, with a sort mark on the ones not in use.
        const sizeHeader = page.locator("th a", { hasText: "Size" });
        expect(
          await sizeHeader.evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).textDecorationLine),
        ).toBe("underline");
        expect(
          await sizeHeader.evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element, "::after").content),
        ).toBe('"↕"');
        // The root breadcrumb is big enough to hit (WCAG 2.5.8: 24 by 24 CSS px).
        const root = await box("nav a.root");
        expect(root.width).toBeGreaterThanOrEqual(24);
        expect(root.height).toBeGreaterThanOrEqual(24);
        expect(await page.locator(".summary").innerText()).toBe("2 directories, 2 files, 605 B in total");
        await page.screenshot({ path: path.join(ARTIFACTS, `polish-${width}-${colorScheme}.png`), fullPage: width === 390 });
      });
    }
  }

  it("says so when the filter matches nothing, and forgets it when the filter is cleared", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url("/"));
    await page.keyboard.press("/");
    await page.keyboard.type("zzz-nothing");
    expect(await page.locator("#none").isVisible()).toBe(true);
    expect(await page.locator("#none").innerText()).toBe("No entries match the filter.");
    expect(await page.locator("#shown").innerText()).toBe("0 shown");
    const none = await box("#none");
    const table = await box("table");
    expect(none.y).toBeGreaterThanOrEqual(table.y + table.height - 1);
    await page.screenshot({ path: path.join(ARTIFACTS, "polish-no-match-390.png") });
    await page.keyboard.press("Escape");
    expect(await page.locator("#none").isVisible()).toBe(false);
  });

  it("shows a 2,000-entry folder with its count apart from the total, at 390 and 1280 px", async () => {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      await page.goto(url("/big/"));
      expect(await page.locator("tbody tr").count()).toBe(2_001);
      expect(await page.locator(".summary").innerText()).toBe("2,000 files, 1.9 MiB in total");
      await page.keyboard.press("/");
      await page.keyboard.type("entry-19");
      expect(await page.locator("#shown").innerText()).toBe("100 shown");
      // innerText leaves out CSS content: the separator is the ::before, and it takes room on screen.
      const gap = await page.locator("#shown").evaluate((element) => {
        const range = element.ownerDocument.createRange();
        range.selectNodeContents(element.previousSibling!);
        return element.getBoundingClientRect().left - range.getBoundingClientRect().right;
      });
      expect(gap).toBe(0);
      const separator = await page.locator("#shown").evaluate((element) => {
        const style = element.ownerDocument.defaultView!.getComputedStyle(element, "::before");
        return { content: style.content, margins: parseFloat(style.marginLeft) + parseFloat(style.marginRight) };
      });
      expect(separator.content).toBe('"·"');
      expect(separator.margins).toBeGreaterThan(10);
      expect(await page.locator("html").evaluate((root) => root.scrollWidth <= root.clientWidth)).toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, `polish-2000-${width}.png`) });
    }
  });

  it("404 page names the path at 390 px", async () => {
    await page.goto(url("/no/such/page.html"));
    expect(await page.locator("code").innerText()).toBe("/no/such/page.html");
    await page.screenshot({ path: path.join(ARTIFACTS, "polish-404-390.png") });
  });
});

describe("a 10,000-entry listing in Chromium", () => {
  let server: RunningCli | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const files = Object.fromEntries(Array.from({ length: 10_000 }, (_, index) => [`many/entry-${index}.txt`, String(index)]));
    server = await startCli([await makeFolder(files), "--port", "0"]);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("arrives in one small response and filters without freezing the page", async () => {
    const page = await (browser as Browser).newPage();
    const started = Date.now();
    const response = await page.goto(new URL("/many/", server?.url).href);
    // About 95 bytes a row here (two copies of a 14-character name); a bloated row template shows up first.
    expect((await response?.body())?.byteLength).toBeLessThan(1_000_000);
    expect(await page.locator(".summary").innerText()).toMatch(/^10,000 files/);
    await page.keyboard.press("/");
    await page.keyboard.type("entry-9999");
    expect(await page.locator("tbody tr:visible td:first-child").allInnerTexts()).toEqual(["entry-9999.txt"]);
    // Measured 2-5 s on a loaded CI machine (parse ~1 s, first paint at 0.7 s); the bound catches a hang, not a slowdown.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe("media in Chromium (a video must seek)", () => {
  let server: RunningCli | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // A page of the folder's own (generated pages' CSP allows no media).
    const folder = await makeFolder({ "tone.wav": makeWav(90), "player.html": "<!doctype html><title>player</title>" });
    server = await startCli([folder, "--port", "0"]);
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: [...CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required"],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // A 90 s, 7.9 MB WAV: Chromium's media loader asks for it by Range, and a seek near the end
  // needs the server to answer 206 with the right bytes (python answers 200 and the whole file).
  it("seeks a 90-second recording to 80 s through Range requests", async () => {
    const page = await (browser as Browser).newPage();
    await page.goto(new URL("/player.html", server?.url).href);
    // Page code as text: the test's TypeScript has no DOM types.
    const result = (await page.evaluate(`(async () => {
      const audio = new Audio("/tone.wav");
      audio.preload = "metadata";
      await new Promise((resolve, reject) => { audio.onloadedmetadata = resolve; audio.onerror = () => reject(new Error("media error")); });
      audio.currentTime = 80;
      await new Promise((resolve) => { audio.onseeked = resolve; });
      await audio.play().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      audio.pause();
      return { duration: audio.duration, currentTime: audio.currentTime };
    })()`)) as { duration: number; currentTime: number };
    expect(result.duration).toBeCloseTo(90, 0);
    expect(result.currentTime).toBeGreaterThanOrEqual(80);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server?.output().stdout).toMatch(/GET \/tone\.wav 206 /);
  });
});

describe("live reload in Chromium (--reload)", () => {
  let server: RunningCli | undefined;
  let browser: Browser | undefined;
  let folder: string;
  let page: Page;
  const violations: string[] = [];
  const STRICT_CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'">`;

  beforeAll(async () => {
    folder = await makeFolder({
      "index.html": '<!doctype html><link rel="stylesheet" href="css/site.css"><h1>first</h1>',
      "css/site.css": "h1 { color: rgb(255, 0, 0); }",
      "strict.html": `<!doctype html><head>${STRICT_CSP}<link rel="stylesheet" href="css/site.css"></head><body><h1>strict</h1></body>`,
      "notes/a.txt": "a",
    });
    server = await startCli([folder, "--port", "0", "--reload"]);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on("console", (message) => message.text().startsWith("CSP violation") && violations.push(message.text()));
    await page.addInitScript(
      `document.addEventListener("securitypolicyviolation", (event) => console.error("CSP violation: " + event.violatedDirective));`,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens a page and waits until its event stream is open, so no change is missed. */
  const open = async (relative: string) => {
    const stream = page.waitForResponse((response) => response.url().endsWith("/.edgeserve/events"));
    await page.goto(new URL(relative, server?.url).href);
    await stream;
    await page.evaluate("window.edgeserveMarker = 'kept'");
  };
  const marker = () => page.evaluate("window.edgeserveMarker ?? null");
  const colorOfHeading = () => page.evaluate("getComputedStyle(document.querySelector('h1')).color");

  it("swaps an edited stylesheet in place: the style changes and the page is not reloaded", async () => {
    await open("/index.html");
    expect(await colorOfHeading()).toBe("rgb(255, 0, 0)");
    await writeFile(path.join(folder, "css", "site.css"), "h1 { color: rgb(0, 0, 255); }");
    await page.waitForFunction("getComputedStyle(document.querySelector('h1')).color === 'rgb(0, 0, 255)'", undefined, { timeout: 5_000 });
    expect(await marker()).toBe("kept");
    expect(await page.locator("link[rel=stylesheet]").count()).toBe(1);
  });

  it("reloads the page when its HTML is edited", async () => {
    await open("/index.html");
    const reloaded = page.waitForEvent("load", { timeout: 5_000 });
    await writeFile(path.join(folder, "index.html"), '<!doctype html><link rel="stylesheet" href="css/site.css"><h1>second</h1>');
    await reloaded;
    expect(await page.locator("h1").innerText()).toBe("second");
    expect(await marker()).toBeNull();
  });

  it("reloads a listing when a file is added to the folder", async () => {
    await open("/notes/");
    const reloaded = page.waitForEvent("load", { timeout: 5_000 });
    await writeFile(path.join(folder, "notes", "b.txt"), "b");
    await reloaded;
    expect(await page.locator("tbody td:first-child").allInnerTexts()).toContain("b.txt");
  });

  it("runs under a page's own strict CSP, which it amends, and no policy was violated", async () => {
    await open("/strict.html");
    const reloaded = page.waitForEvent("load", { timeout: 5_000 });
    await writeFile(path.join(folder, "strict.html"), `<!doctype html><head>${STRICT_CSP}</head><body><h1>strict again</h1></body>`);
    await reloaded;
    expect(await page.locator("h1").innerText()).toBe("strict again");
    expect(violations).toEqual([]);
  });
});

/** PCM WAV of a quiet 440 Hz tone, mono, 16-bit, 44.1 kHz. */
function makeWav(seconds: number): Uint8Array {
  const rate = 44_100;
  const samples = rate * seconds;
  const buffer = Buffer.alloc(44 + samples * 2);
  buffer.write("RIFF", 0);
  buffer.writeUInt32LE(36 + samples * 2, 4);
  buffer.write("WAVEfmt ", 8);
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(rate, 24);
  buffer.writeUInt32LE(rate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write("data", 36);
  buffer.writeUInt32LE(samples * 2, 40);
  for (let index = 0; index < samples; index += 1)
    buffer.writeInt16LE(Math.round(2000 * Math.sin((2 * Math.PI * 440 * index) / rate)), 44 + index * 2);
  return buffer;
}

/** Spreads modification times over a year so the Modified column says something. */
async function dateTheFolder(folder: string): Promise<void> {
  const start = Date.UTC(2025, 11, 1, 9, 30);
  const paths = Object.keys(FILES).concat(["docs/guide", "docs", "photos"]);
  for (const [index, relative] of paths.entries()) {
    const time = new Date(start + index * 23 * 24 * 3600 * 1000 + index * 3_777_000);
    await utimes(path.join(folder, relative), time, time);
  }
}
