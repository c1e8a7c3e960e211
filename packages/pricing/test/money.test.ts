import { expect, test } from "bun:test";
import { formatMoney } from "../src/index.ts";

test("formatMoney writes each currency with its own symbol, in minor units exactly", () => {
  expect(formatMoney(300, "EUR")).toBe("€3.00");
  expect(formatMoney(544, "USD")).toBe("$5.44");
  expect(formatMoney(123456, "GBP")).toBe("£1,234.56");
  expect(formatMoney(-500, "EUR")).toBe("-€5.00");
  // A locale may still be asked for (Intl puts a no-break space before the sign).
  expect(formatMoney(1999, "EUR", "de-DE")).toBe("19,99\u00a0€");
});
