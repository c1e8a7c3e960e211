import { describe, expect, test } from "bun:test";
import { hasFilters, listInput, listingQuery, optionValues, PAGE_SIZE, parseListing } from "../lib/shop/listing.ts";
import {
  initialSelection,
  optionNames,
  type PickableVariant,
  stockMessage,
  valueInStock,
  variantFor,
} from "../lib/shop/variants.ts";

describe("listing state lives in the URL", () => {
  test("a URL round-trips through the state, in a stable order", () => {
    const state = parseListing({
      q: " shirt ",
      brand: ["Northwind", "Acme"],
      "o.colour": ["Blue", "Red"],
      min: "1000",
      max: "5000",
      stock: "1",
      sort: "price_asc",
      shown: "48",
    });
    expect(state).toMatchObject({ q: "shirt", brands: ["Northwind", "Acme"], minPrice: 1000, maxPrice: 5000 });
    expect(parseListing(Object.fromEntries(new URLSearchParams(listingQuery(state)).entries()))).toMatchObject({
      q: "shirt",
      sort: "price_asc",
      inStock: true,
      shown: 48,
    });
    expect(listingQuery(state)).toBe(
      "q=shirt&brand=Northwind&brand=Acme&min=1000&max=5000&o.colour=Blue&o.colour=Red&stock=1&sort=price_asc&shown=48",
    );
  });

  test("malformed parameters are ignored, not fatal; the page size stays within the catalog's limit", () => {
    const state = parseListing({ min: "-5", max: "1e9", sort: "cheapest", shown: "10000" });
    expect(state.minPrice).toBeUndefined();
    expect(state.maxPrice).toBeUndefined();
    expect(state.sort).toBeUndefined();
    expect(state.shown).toBe(96);
    expect(parseListing({ shown: "3" }).shown).toBe(PAGE_SIZE);
    expect(hasFilters(state)).toBe(false);
  });

  test("the catalog request: a swapped price range is read as meant, search sorts by relevance, in the region's currency", () => {
    const input = listInput(parseListing({ q: "jacket", min: "9000", max: "2000" }), "GBP", "clothing");
    expect(input).toMatchObject({
      q: "jacket",
      category: "clothing",
      minPrice: 9000,
      maxPrice: 9000,
      sort: "relevance",
      currency: "GBP",
    });
    expect(listInput(parseListing({}), "EUR").sort).toBe("newest");
  });

  test("option values come out distinct, sizes in their own order", () => {
    const values = optionValues([
      { variants: [{ options: { size: "XL" } }, { options: { size: "S" } }] },
      { variants: [{ options: { size: "M", colour: "Red" } }, { options: { size: "S", colour: "Blue" } }] },
    ]);
    expect(values).toEqual([
      { name: "size", values: ["S", "M", "XL"] },
      { name: "colour", values: ["Blue", "Red"] },
    ]);
  });
});

describe("variant picking", () => {
  const variants: PickableVariant[] = [
    { sku: "T-BLUE-S", options: { colour: "Blue", size: "S" }, price: 2000, compareAtPrice: null, available: 0 },
    { sku: "T-BLUE-M", options: { colour: "Blue", size: "M" }, price: 2000, compareAtPrice: null, available: 4 },
    { sku: "T-RED-S", options: { colour: "Red", size: "S" }, price: 2200, compareAtPrice: 2500, available: 9 },
  ];
  const stock = (sku: string) => variants.find((v) => v.sku === sku)?.available ?? 0;

  test("options in declared order; a complete selection picks one SKU, an incomplete one none", () => {
    expect(optionNames(variants)).toEqual(["colour", "size"]);
    expect(variantFor(variants, { colour: "Red", size: "S" })?.sku).toBe("T-RED-S");
    expect(variantFor(variants, { colour: "Red" })).toBeUndefined();
    expect(variantFor(variants, { colour: "Red", size: "M" })).toBeUndefined();
  });

  test("the page opens on something buyable, and sold-out choices are marked", () => {
    expect(initialSelection(variants, stock)).toEqual({ colour: "Blue", size: "M" });
    expect(valueInStock(variants, { colour: "Blue", size: "M" }, "size", "S", stock)).toBe(false);
    expect(valueInStock(variants, { colour: "Red", size: "S" }, "size", "S", stock)).toBe(true);
  });

  test("stock words create urgency only when it is true", () => {
    expect(stockMessage(0, false)).toEqual({ text: "Out of stock", tone: "red" });
    expect(stockMessage(3, false).text).toBe("Only 3 left");
    expect(stockMessage(12, true).text).toBe("Only 12 left");
    expect(stockMessage(12, false)).toEqual({ text: "In stock", tone: "green" });
  });
});
