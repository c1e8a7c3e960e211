import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { buildDocument, DOCUMENT_FILE, serialize } from "../scripts/gen-openapi.ts";
import { routeRest } from "../src/rest/routes.ts";

test("the committed REST document is what the routers generate (run bun apps/gateway/scripts/gen-openapi.ts)", async () => {
  expect(serialize(await buildDocument())).toBe(readFileSync(DOCUMENT_FILE, "utf8"));
}, 120_000);

test("REST routing: a literal path, a parameter, a wrong method, an unknown path", () => {
  expect(routeRest("GET", "/api/v1/admin/orders")).toEqual({
    ok: true,
    route: { service: "orders", procedure: "orders.admin.list" },
  });
  expect(routeRest("POST", "/api/v1/admin/orders/ord_1/refunds")).toEqual({
    ok: true,
    route: { service: "orders", procedure: "orders.admin.refund" },
  });
  expect(routeRest("GET", "/api/v1/admin/stock/TEE-M/ledger")).toMatchObject({
    ok: true,
    route: { procedure: "inventory.admin.ledger" },
  });
  expect(routeRest("DELETE", "/api/v1/admin/orders")).toMatchObject({ ok: false, status: 405 });
  expect(routeRest("GET", "/api/v1/admin/orders/a/b/c")).toMatchObject({ ok: false, status: 404 });
  expect(routeRest("GET", "/api/v1/../trpc/catalog.products.list")).toMatchObject({ ok: false, status: 404 });
});
