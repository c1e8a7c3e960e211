import { describe, expect, test } from "bun:test";
import { listPaymentsInput, refundInput } from "../src/contract.ts";

describe("the payments contract", () => {
  test("bundles for the browser", async () => {
    const built = await Bun.build({ entrypoints: [`${import.meta.dir}/../src/contract.ts`], target: "browser" });
    expect(built.logs).toEqual([]);
    expect(built.success).toBe(true);
  });

  test("a list is 50 by default, at most 100; a refund amount is a positive whole number or omitted", () => {
    expect(listPaymentsInput.parse({})).toEqual({ limit: 50 });
    expect(listPaymentsInput.safeParse({ limit: 101 }).success).toBe(false);
    const refund = { orderId: "ord_1", reason: "damaged", idempotencyKey: "k" };
    expect(refundInput.safeParse(refund).success).toBe(true);
    for (const amount of [0, -1, 1.5]) expect(refundInput.safeParse({ ...refund, amount }).success).toBe(false);
  });
});
