import { describe, expect, test } from "bun:test";
import type { GatewayBindings } from "../../src/context.ts";
import { signClientAddress } from "../../src/domain/web-tier.ts";
import { clientAddressMiddleware } from "../../src/middleware/client-address.ts";
import { call, peer, tinyApp } from "./helpers.ts";

const SECRET = "web-tier-secret-of-at-least-32-chars!";

function appTrusting(trustedProxyHops: number, webTierSecret?: string) {
  const app = tinyApp();
  app.use(clientAddressMiddleware({ trustedProxyHops, webTierSecret }));
  app.get("*", (c) => c.text(c.var.clientIp));
  return (headers: Record<string, string> = {}, env: GatewayBindings = peer("10.0.0.1")) =>
    call(app, "/whoami", { headers }, env).then((r) => r.text());
}

describe("client address middleware", () => {
  test("the client is the peer address; X-Forwarded-For is ignored unless a proxy is trusted", async () => {
    const direct = appTrusting(0);
    expect(await direct()).toBe("10.0.0.1");
    expect(await direct({ "x-forwarded-for": "6.6.6.6" })).toBe("10.0.0.1");
  });

  test("behind a trusted proxy the client is the entry that proxy appended, not one the client wrote", async () => {
    const proxied = appTrusting(1);
    expect(await proxied({ "x-forwarded-for": " 6.6.6.6 , 203.0.113.7" })).toBe("203.0.113.7");
    expect(await proxied({ "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
    // A proxy that sent no (or an empty) header leaves the peer address.
    expect(await proxied()).toBe("10.0.0.1");
    expect(await proxied({ "x-forwarded-for": "" })).toBe("10.0.0.1");
    const twoHops = appTrusting(2);
    expect(await twoHops({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.9" })).toBe("203.0.113.7");
  });

  test("the web tier names the shopper only with a valid signature", async () => {
    const behindWeb = appTrusting(0, SECRET);
    const signed = {
      "x-mercato-client-ip": "198.51.100.4",
      "x-mercato-client-sig": signClientAddress(SECRET, "198.51.100.4"),
    };
    expect(await behindWeb(signed)).toBe("198.51.100.4");
    expect(await behindWeb({ ...signed, "x-mercato-client-ip": "198.51.100.5" })).toBe("10.0.0.1");
    expect(
      await behindWeb({
        "x-mercato-client-ip": "198.51.100.4",
        "x-mercato-client-sig": signClientAddress("x".repeat(32), "198.51.100.4"),
      }),
    ).toBe("10.0.0.1");
    // Without a configured secret the header means nothing.
    expect(await appTrusting(0)(signed)).toBe("10.0.0.1");
  });

  test("without a server to ask (not on Bun.serve) the client is unknown", async () => {
    expect(await appTrusting(0)({}, {})).toBe("unknown");
  });
});
