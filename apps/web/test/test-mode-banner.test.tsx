// The storefront's test-mode banner, rendered as the shop layout renders it (a server component)
// against a real payments service behind a real gateway, in production with the test provider
// chosen explicitly (PAYMENTS_PROVIDER=test, ALLOW_TEST_PAYMENTS=true).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startPlatform, type TestPlatform } from "@mercato/testing";
import { renderToStaticMarkup } from "react-dom/server";

let platform: TestPlatform<"payments">;
let TestModeBanner: (props?: { gatewayUrl?: string }) => Promise<React.ReactElement | null>;
let gatewayUrl: string;

beforeAll(async () => {
  platform = await startPlatform({
    services: ["payments"],
    gateway: true,
    env: { payments: { NODE_ENV: "production", PAYMENTS_PROVIDER: "test", ALLOW_TEST_PAYMENTS: "true" } },
  });
  // lib/config.ts reads GATEWAY_URL once, when first imported — possibly by an earlier test file in
  // this process — so the gateway is given to the component rather than through the environment.
  gatewayUrl = platform.gateway?.url ?? "";
  ({ TestModeBanner } = await import("../components/shop/test-mode-banner.tsx"));
}, 120_000);
afterAll(async () => {
  await platform?.dispose();
});

describe("test-mode banner", () => {
  test("is shown, labelled, when payments run the test provider", async () => {
    const html = renderToStaticMarkup(await TestModeBanner({ gatewayUrl }));
    expect(html).toContain('aria-label="Test mode"');
    expect(html).toContain("no money is taken");
  }, 30_000);

  test("is left out, without breaking the page, when payments cannot be asked", async () => {
    await platform.kill("payments");
    expect(renderToStaticMarkup(await TestModeBanner({ gatewayUrl }))).toBe("");
  }, 30_000);
});
