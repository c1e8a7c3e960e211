import { describe, expect, expectTypeOf, test } from "bun:test";
import { SERVICE_NAMES } from "@mercato/registry";
import { createMercatoClient, type RouterInputs, type RouterOutputs } from "../src/index.ts";
import { createServerClient } from "../src/server.ts";

// Never called over the network: these lines exist for `tsc`, which checks this file (the
// package's tsconfig includes test/). An unused @ts-expect-error is itself a compile error, so
// each one proves the client refuses that mistake.
function compileTimeChecks() {
  const client = createMercatoClient({ baseUrl: "http://gateway.invalid" });

  // @ts-expect-error a procedure the catalog does not have
  void client.catalog.products.nope.query();
  // @ts-expect-error limit is a number, not a string
  void client.catalog.products.list.query({ limit: "ten" });
  // @ts-expect-error services are reached through their own namespace only
  void client.catalog.orders;
  // @ts-expect-error a query is not a mutation
  void client.catalog.products.list.mutate({ limit: 1 });

  const server = createServerClient({ baseUrl: "http://gateway.invalid", token: null });
  // @ts-expect-error the server client has the same types
  void server.catalog.products.list.query({ limit: "ten" });
}

describe("types", () => {
  test("inputs and outputs are inferred per service", () => {
    expectTypeOf<RouterInputs["catalog"]["products"]["list"]>().toMatchTypeOf<{ limit?: number }>();
    expectTypeOf<RouterOutputs["catalog"]["products"]["list"]["items"]>().toBeArray();
    expect(typeof compileTimeChecks).toBe("function");
  });

  test("every registry service is there at run time, inside its namespace", () => {
    const client = createMercatoClient({ baseUrl: "http://gateway.invalid" });
    for (const service of SERVICE_NAMES) {
      expect(client).toHaveProperty(service);
      expect(client.clients).toHaveProperty(service);
    }
    expect(typeof client.catalog.products.list.query).toBe("function");
    expect(typeof client.orders.checkout.mutate).toBe("function");
  });
});
