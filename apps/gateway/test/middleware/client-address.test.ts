import { describe, expect, test } from "bun:test";
import type { GatewayBindings } from "../../src/context.ts";
import { clientAddressMiddleware } from "../../src/middleware/client-address.ts";
import { call, peer, tinyApp } from "./helpers.ts";

function appTrusting(trustProxy: boolean) {
  const app = tinyApp();
  app.use(clientAddressMiddleware({ trustProxy }));
  app.get("*", (c) => c.text(c.var.clientIp));
  return (headers: Record<string, string> = {}, env: GatewayBindings = peer("10.0.0.1")) =>
    call(app, "/whoami", { headers }, env).then((r) => r.text());
}

describe("client address middleware", () => {
  test("the client is the peer address; X-Forwarded-For is ignored unless a proxy is trusted", async () => {
    const direct = appTrusting(false);
    expect(await direct()).toBe("10.0.0.1");
    expect(await direct({ "x-forwarded-for": "6.6.6.6" })).toBe("10.0.0.1");
  });

  test("behind a trusted proxy the client is the first X-Forwarded-For entry", async () => {
    const proxied = appTrusting(true);
    expect(await proxied({ "x-forwarded-for": " 203.0.113.7 , 10.0.0.2" })).toBe("203.0.113.7");
    // A proxy that sent no (or an empty) header leaves the peer address.
    expect(await proxied()).toBe("10.0.0.1");
    expect(await proxied({ "x-forwarded-for": "" })).toBe("10.0.0.1");
  });

  test("without a server to ask (not on Bun.serve) the client is unknown", async () => {
    expect(await appTrusting(false)({}, {})).toBe("unknown");
  });
});
