// Measures the storefront product page's first-load JavaScript the way storefront.test.ts does: a
// fresh phone-sized Chromium context opens the page on the production build and sums the script
// resources' sizes (transferred = encoded body, gzip; decoded = what the browser parses).
//
//   bun apps/web/scripts/first-load-js.ts                       start the platform (dev launcher,
//                                                              `next start`: build the web first)
//   bun apps/web/scripts/first-load-js.ts --url http://127.0.0.1:3000   against a running shop
//   options: --path /p/denim-trucker-jacket   --loads 3
//
// Prints one line per load and a Markdown table row for docs/PERFORMANCE.md.
import { type Browser, chromium } from "playwright-core";

interface Load {
  encoded: number;
  decoded: number;
  scripts: number;
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? (process.argv[at + 1] as string) : fallback;
}

/** Debian's Chromium with the browser tests' flags (apps/web/test/platform.ts). */
function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** One fresh context (an empty cache) opening `path` and summing its script resources. */
export async function measureFirstLoad(browser: Browser, baseURL: string, path: string): Promise<Load> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    baseURL,
  });
  try {
    const page = await context.newPage();
    await page.goto(path);
    await page.getByRole("button", { name: "Add to cart" }).waitFor({ timeout: 60_000 });
    return await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .filter((e) => (e as PerformanceResourceTiming).initiatorType === "script")
        .reduce(
          (sum, e) => {
            const r = e as PerformanceResourceTiming;
            return {
              encoded: sum.encoded + r.encodedBodySize,
              decoded: sum.decoded + r.decodedBodySize,
              scripts: sum.scripts + 1,
            };
          },
          { encoded: 0, decoded: 0, scripts: 0 },
        ),
    );
  } finally {
    await context.close();
  }
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

if (import.meta.main) {
  const path = option("path", "/p/denim-trucker-jacket");
  const loads = Number(option("loads", "3"));
  const given = option("url", "");
  // Without --url, the whole platform as the browser tests run it (a private NATS, Redis and data dir).
  const platform = given ? null : await (await import("../test/platform.ts")).startPlatform();
  const baseURL = given || (platform?.webUrl as string);
  const browser = await launch();
  try {
    const results: Load[] = [];
    // A first, unrecorded load warms the server (first compile of the route's data, region reads).
    await measureFirstLoad(browser, baseURL, path);
    for (let i = 0; i < loads; i++) {
      const r = await measureFirstLoad(browser, baseURL, path);
      results.push(r);
      console.log(`load ${i + 1}: ${kB(r.encoded)} transferred, ${kB(r.decoded)} decoded, ${r.scripts} scripts`);
    }
    const median = (pick: (l: Load) => number) => {
      const sorted = results.map(pick).sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] ?? 0;
    };
    console.log(
      `| ${path} | ${kB(median((l) => l.encoded))} | ${kB(median((l) => l.decoded))} | ${median((l) => l.scripts)} |`,
    );
  } finally {
    await browser.close();
    await platform?.stop();
  }
}
