import { describe, expect, test } from "bun:test";
import { DomainError } from "@mercato/kit/errors";
import { checkRefundLimit } from "../src/app/refund-limit.ts";

describe("refund limit", () => {
  test("up to the limit passes, over it is forbidden naming amount with the limit; no limit passes all", () => {
    const support = { role: "support", refundLimit: 10_000 };
    expect(checkRefundLimit(support, { amount: 10_000, orderId: "o" })).toEqual({ amount: 10_000, orderId: "o" });
    let refused: unknown;
    try {
      checkRefundLimit(support, { amount: 10_001 });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ kind: "forbidden", field: "amount" });
    expect((refused as Error).message).toContain("10000");
    expect(checkRefundLimit({ role: "manager", refundLimit: null }, { amount: 9_999_999 }).amount).toBe(9_999_999);
  });
});
