import { describe, expect, test } from "bun:test";
import { routingMiddleware } from "../../src/middleware/routing.ts";
import { call, tinyApp } from "./helpers.ts";

/** The routing step, then a stand-in for the rest that tells what routing decided. */
function routedApp() {
  const app = tinyApp();
  app.use(routingMiddleware());
  app.all("*", (c) => c.json({ destination: c.var.destination, route: c.var.route, upstream: c.var.upstream }));
  return app;
}

describe("routing middleware", () => {
  test("a tRPC call goes to the service named by its namespace, with the procedures it addresses", async () => {
    const res = await call(routedApp(), "/trpc/catalog.products.list,catalog.categories.tree?batch=1&input={}");
    expect(await res.json()).toEqual({
      destination: {
        service: "catalog",
        procedures: ["catalog.products.list", "catalog.categories.tree"],
        trpc: true,
      },
      route: "/trpc",
      upstream: "catalog",
    });
  });

  test("procedures are named as tRPC will run them: a trailing slash is not another procedure", async () => {
    const res = await call(routedApp(), "/trpc/orders.checkout/", { method: "POST" });
    expect(await res.json()).toMatchObject({ destination: { service: "orders", procedures: ["orders.checkout"] } });
  });

  test("plain HTTP routes go to the service the registry names, labelled by the route", async () => {
    const app = routedApp();
    const routed = async (path: string, method: string) =>
      (await call(app, path, { method })).json() as Promise<Record<string, unknown>>;
    expect(await routed("/api/auth/sign-in/email", "POST")).toEqual({
      destination: { service: "identity", procedures: [], trpc: false },
      route: "/api/auth",
      upstream: "identity",
    });
    expect(await routed("/media/shirt.svg", "GET")).toMatchObject({ route: "/media", upstream: "catalog" });
    expect(await routed("/webhooks/stripe", "POST")).toMatchObject({ route: "/webhooks/stripe", upstream: "payments" });
  });

  test("what no service answers is refused here: 404 for unknown paths and namespaces, 400 for mixed batches", async () => {
    const app = routedApp();
    const noRoute = await call(app, "/media/shirt.svg", { method: "DELETE" });
    expect(noRoute.status).toBe(404);
    expect(await noRoute.json()).toEqual({ error: { message: "No route DELETE /media/shirt.svg" } });

    const unknown = await call(app, "/trpc/warehouse.list");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { message: "path: no service answers warehouse.list", code: "NOT_FOUND" },
    });
    expect((await call(app, "/trpc")).status).toBe(404);

    const mixed = await call(app, "/trpc/cart.get,orders.get?batch=1");
    expect(mixed.status).toBe(400);
    expect(await mixed.json()).toMatchObject({
      error: { message: "path: a batch must address one service, but it mixes cart.get (cart), orders.get (orders)" },
    });
  });
});
