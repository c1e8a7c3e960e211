// The storefront's test-mode banner, rendered as the shop layout renders it (a server component)
// against a real payments service behind a real gateway, in production with the test provider
// chosen explicitly (PAYMENTS_PROVIDER=test, ALLOW_TEST_PAYMENTS=true).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startPlatform, type TestPlatform } from "@mercato/testing";
import { renderToStaticMarkup } from "react-dom/server";

let platform: TestPlatform<"payments">;
let TestModeBanner: () => Promise<React.ReactElement | null>;

beforeAll(async () => {
  platform = await startPlatform({
    services: ["payments"],
    gateway: true,
    env: { payments: { NODE_ENV: "production", PAYMENTS_PROVIDER: "test", ALLOW_TEST_PAYMENTS: "true" } },
  });
  // lib/config.ts reads GATEWAY_URL when it is first imported, as the web server does at start.
  process.env.GATEWAY_URL = platform.gateway?.url;
  ({ TestModeBanner } = await import("../components/shop/test-mode-banner.tsx"));
}, 120_000);
afterAll(async () => {
  await platform?.dispose();
});

describe("test-mode banner", () => {
  test("is shown, labelled, when payments run the test provider", async () => {
    const html = renderToStaticMarkup(await TestModeBanner());
    expect(html).toContain('aria-label="Test mode"');
    expect(html).toContain("no money is taken");
  }, 30_000);

  test("is left out, without breaking the page, when payments cannot be asked", async () => {
    await platform.kill("payments");
    expect(renderToStaticMarkup(await TestModeBanner())).toBe("");
  }, 30_000);
});
