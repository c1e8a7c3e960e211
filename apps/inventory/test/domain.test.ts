import { describe, expect, test } from "bun:test";
import { DomainError } from "@mercato/kit/errors";
import type { AdjustmentKind } from "../src/contract.ts";
import { demoQuantity } from "../src/domain/demo-stock.ts";
import { cancelAction, commitAction, mergeLines } from "../src/domain/reservation.ts";
import { adjustmentDelta, availableOf, crossedLowThreshold, isLow, levelsAreValid } from "../src/domain/stock.ts";

describe("stock rules", () => {
  test("available is on-hand minus reserved", () => {
    expect(availableOf({ onHand: 10, reserved: 4 })).toBe(6);
  });

  test("low stock includes the threshold, and only a downward crossing counts", () => {
    expect(isLow(5, 5)).toBe(true);
    expect(isLow(6, 5)).toBe(false);
    expect(crossedLowThreshold(6, 5, 5)).toBe(true);
    expect(crossedLowThreshold(9, 0, 5)).toBe(true);
    expect(crossedLowThreshold(5, 4, 5)).toBe(false); // already low
    expect(crossedLowThreshold(4, 6, 5)).toBe(false); // upwards
  });

  test("levels are valid only when nothing is negative or oversold", () => {
    expect(levelsAreValid({ onHand: 3, reserved: 3 })).toBe(true);
    expect(levelsAreValid({ onHand: 3, reserved: 4 })).toBe(false);
    expect(levelsAreValid({ onHand: -1, reserved: 0 })).toBe(false);
  });

  test("a receipt adds; a correction is a signed delta", () => {
    expect(adjustmentDelta({ onHand: 2, reserved: 0 }, "receive", 5)).toBe(5);
    expect(adjustmentDelta({ onHand: 8, reserved: 2 }, "correct", -6)).toBe(-6);
  });

  test("adjustments that break the books are refused naming quantity", () => {
    const refusals: [number, number, AdjustmentKind, number][] = [
      [3, 0, "correct", -4], // negative on-hand
      [8, 5, "correct", -4], // below reserved
      [0, 0, "receive", -1],
      [0, 0, "receive", 0],
      [0, 0, "receive", 10_001],
      [0, 0, "receive", 1.5],
    ];
    for (const [onHand, reserved, kind, quantity] of refusals) {
      const refusal = (() => {
        try {
          adjustmentDelta({ onHand, reserved }, kind, quantity);
        } catch (err) {
          return err;
        }
      })();
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({ kind: "invalid", field: "quantity" });
      expect((refusal as DomainError).message.startsWith("quantity:")).toBe(true);
    }
  });
});

describe("reservation rules", () => {
  test("lines of one SKU are reserved as one amount, in SKU order", () => {
    expect(
      mergeLines([
        { sku: "B", quantity: 1 },
        { sku: "A", quantity: 2 },
        { sku: "B", quantity: 3 },
      ]),
    ).toEqual([
      { sku: "A", quantity: 2 },
      { sku: "B", quantity: 4 },
    ]);
  });

  test("payment commits a held reservation once, and late payments take free stock", () => {
    expect(commitAction("active").kind).toBe("commit");
    expect(commitAction("committed").kind).toBe("none");
    expect(commitAction("expired").kind).toBe("late-commit");
    expect(commitAction("released").kind).toBe("late-commit");
    expect(commitAction("rejected").kind).toBe("refuse");
    expect(commitAction(undefined).kind).toBe("refuse");
  });

  test("cancel releases held stock, restocks paid stock, and never releases committed stock", () => {
    expect(cancelAction("active", false).kind).toBe("release");
    expect(cancelAction("active", true).kind).toBe("release");
    expect(cancelAction("committed", true).kind).toBe("restock");
    const refused = cancelAction("committed", false);
    expect(refused.kind).toBe("refuse");
    expect(cancelAction("expired", false).kind).toBe("none");
    expect(cancelAction("restocked", true).kind).toBe("none");
    expect(cancelAction(undefined, false).kind).toBe("none");
  });
});

describe("demo stock", () => {
  test("is deterministic, within 0..40, with a few low SKUs", () => {
    const skus = Array.from({ length: 400 }, (_, i) => `DEMO-${i}`);
    const quantities = skus.map(demoQuantity);
    expect(skus.map(demoQuantity)).toEqual(quantities);
    expect(quantities.every((q) => Number.isInteger(q) && q >= 0 && q <= 40)).toBe(true);
    const low = quantities.filter((q) => q < 5).length;
    expect(low).toBeGreaterThan(10);
    expect(low).toBeLessThan(120);
  });
});
