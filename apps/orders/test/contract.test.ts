import { describe, expect, test } from "bun:test";
import { addressSchema, orderLineSchema, totalsSchema } from "@mercato/events";
import { z } from "zod";
import * as contract from "../src/contract.ts";

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input" });

describe("the contract", () => {
  // What an order keeps must fit the integration events it announces.
  test("addresses, lines and totals are the shapes orders.placed.v1 carries", () => {
    expect(json(contract.addressSchema)).toEqual(json(addressSchema));
    expect(json(contract.orderTotalsSchema)).toEqual(json(totalsSchema));
    // What orders alone keeps of a line: the picture and options then, and a gift card's recipient (#27).
    expect(json(contract.orderLineSchema.omit({ image: true, options: true, giftCard: true }))).toEqual(
      json(orderLineSchema),
    );
  });

  test("bundles for the browser", async () => {
    const built = await Bun.build({
      entrypoints: [Bun.fileURLToPath(new URL("../src/contract.ts", import.meta.url))],
      target: "browser",
    });
    expect(built.logs.filter((l) => l.level === "error")).toEqual([]);
    expect(built.success).toBe(true);
  });
});
