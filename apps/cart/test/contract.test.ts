import { describe, expect, test } from "bun:test";
import { type ServiceName, serviceEntry } from "@mercato/registry";
import { TEST_SERVICE_KEYS, testSigningKey } from "@mercato/testing";
import {
  createCodeInput,
  DISCOUNT_VALUE_RANGE,
  MAX_LINE_QUANTITY,
  quantitySchema,
  updateCodeInput,
} from "../src/contract.ts";
import { cartEnvSchema } from "../src/env.ts";

describe("the cart's contract", () => {
  test("bundles for the browser", async () => {
    const built = await Bun.build({ entrypoints: [`${import.meta.dir}/../src/contract.ts`], target: "browser" });
    expect(built.logs).toEqual([]);
    expect(built.success).toBe(true);
  });

  test("a code's name is 3 to 32 letters, digits, - or _, whatever its case", () => {
    const rule = { kind: "percent", value: 10 } as const;
    expect(createCodeInput.parse({ code: " spring-26 ", ...rule })).toMatchObject({
      code: "spring-26",
      minSubtotal: 0,
      oncePerCustomer: false,
    });
    for (const code of ["AB", "A".repeat(33), "SPRING 26", "SPRÍNG"]) {
      expect(createCodeInput.safeParse({ code, ...rule }).error?.issues[0]).toMatchObject({
        path: ["code"],
        message: "3 to 32 letters, digits, - or _",
      });
    }
    expect(updateCodeInput.safeParse({ code: "SPRING", usageLimit: 0 }).success).toBe(false);
  });

  test("values below the smallest of any kind and quantities over a line's maximum are refused at the door", () => {
    expect(
      createCodeInput.safeParse({ code: "ZERO", kind: "fixed", value: DISCOUNT_VALUE_RANGE.fixed.min - 1 }).success,
    ).toBe(false);
    expect(quantitySchema.safeParse(MAX_LINE_QUANTITY).success).toBe(true);
    expect(quantitySchema.safeParse(MAX_LINE_QUANTITY + 1).success).toBe(false);
  });
});

describe("the cart's environment", () => {
  const required = {
    DATABASE_URL: "file:/tmp/cart.db",
    NATS_URL: "nats://127.0.0.1:4222",
    REDIS_URL: "redis://127.0.0.1:6379",
    JWKS_URL: "http://127.0.0.1:4001/jwks",
    SERVICE_SIGNING_KEY: testSigningKey("cart"),
    SERVICE_PUBLIC_KEYS: TEST_SERVICE_KEYS.publicKeys,
  };

  test("has the URL of every service the registry says the cart calls, defaulting to its local port", () => {
    const env: Record<string, unknown> = cartEnvSchema.parse(required);
    expect(env.PORT).toBe(serviceEntry("cart").port);
    for (const name of serviceEntry("cart").calls) {
      const called = serviceEntry(name as ServiceName);
      expect(env[called.urlEnv]).toBe(`http://127.0.0.1:${called.port}`);
    }
  });

  test("a URL given in the environment wins", () => {
    expect(cartEnvSchema.parse({ ...required, CATALOG_URL: "http://catalog.internal:80" }).CATALOG_URL).toBe(
      "http://catalog.internal:80",
    );
  });
});
