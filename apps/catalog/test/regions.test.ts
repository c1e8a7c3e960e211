import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { count } from "drizzle-orm";
import type { SaveRegionInput } from "../src/contract.ts";
import { regionCountries, regions, shippingOptions, taxRates } from "../src/db/schema.ts";
import { DEMO_REGIONS } from "../src/db/seed-data.ts";
import { failure, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;

beforeAll(async () => {
  h = await startCatalog();
}, 30_000);
afterAll(() => h?.dispose());

/** Rows of every region table: a refused save must leave them all as they were. */
async function regionRows() {
  const db = h.catalog.deps.db.orm;
  const counts = await Promise.all(
    [regions, regionCountries, shippingOptions, taxRates].map((t) => db.select({ n: count() }).from(t)),
  );
  return counts.map(([c]) => c!.n);
}

/** A small valid region to vary in each refusal. */
function nordics(overrides: Partial<SaveRegionInput> = {}): SaveRegionInput {
  return {
    name: "Nordics",
    currency: "EUR",
    countries: ["SE", "DK"],
    defaultCountry: "SE",
    taxInclusive: true,
    paymentProviders: ["test"],
    shippingOptions: [
      {
        id: "nordic-post",
        name: "Post",
        speed: "standard",
        rule: {
          kind: "weight",
          tiers: [
            { upToGrams: 1000, amount: 700 },
            { upToGrams: null, amount: 1500 },
          ],
        },
        minDays: 2,
        maxDays: 6,
      },
    ],
    taxRates: [
      { country: "SE", taxClass: "standard", rateBps: 2500, name: "VAT 25%" },
      { country: "DK", taxClass: "standard", rateBps: 2500, name: "VAT 25%" },
    ],
    ...overrides,
  };
}

describe("demo regions", () => {
  test("list answers Europe, the United Kingdom and the United States with their rules", async () => {
    const all = await h.shop.catalog.regions.list.query();
    expect(all.map((r) => [r.id, r.currency, r.taxInclusive, r.isDefault])).toEqual([
      ["eu", "EUR", true, true],
      ["uk", "GBP", true, false],
      ["us", "USD", false, false],
    ]);
    const eu = all[0]!;
    expect(eu.countries).toEqual(["FR", "DE", "ES", "IT", "NL", "BE", "IE", "AT", "PT", "FI"]);
    expect(eu.defaultCountry).toBe("FR");
    expect(eu.paymentProviders).toEqual(["stripe", "test"]);
    expect(eu.shippingOptions.map((o) => [o.id, o.speed, o.rule])).toEqual([
      ["eu-standard", "standard", { kind: "free_above", amount: 495, threshold: 5000 }],
      ["eu-express", "express", { kind: "flat", amount: 1290 }],
    ]);
    expect(eu.taxRates).toContainEqual({
      country: "FR",
      subdivision: null,
      taxClass: "reduced",
      rateBps: 550,
      name: "VAT 5.5%",
    });
    expect(all[1]!.taxRates).toContainEqual({
      country: "GB",
      subdivision: null,
      taxClass: "reduced",
      rateBps: 0,
      name: "VAT 0%",
    });
    const us = all[2]!;
    expect(us.taxRates).toContainEqual({
      country: "US",
      subdivision: "CA",
      taxClass: "standard",
      rateBps: 725,
      name: "CA sales tax 7.25%",
    });
    expect(us.shippingOptions[0]!.rule).toEqual({
      kind: "weight",
      tiers: [
        { upToGrams: 500, amount: 599 },
        { upToGrams: 2000, amount: 899 },
        { upToGrams: null, amount: 1499 },
      ],
    });
    expect(us.shippingOptions.every((o) => o.taxClass === "zero")).toBe(true);
    // What is served is exactly what the demo data says (nothing lost on the way through SQL).
    expect(all.map(({ isDefault: _d, ...r }) => r)).toEqual(
      DEMO_REGIONS.map(({ isDefault: _d, ...r }) => ({
        ...r,
        taxProvider: "rates",
        taxRates: r.taxRates.map((t) => ({ ...t, subdivision: t.subdivision ?? null })),
      })) as typeof all,
    );
  });

  test("resolve finds the country's region, and falls back to the default for others or none", async () => {
    expect((await h.shop.catalog.regions.resolve.query({ country: "GB" })).id).toBe("uk");
    expect((await h.shop.catalog.regions.resolve.query({ country: "de" })).id).toBe("eu");
    expect((await h.shop.catalog.regions.resolve.query({ country: "US" })).id).toBe("us");
    expect((await h.shop.catalog.regions.resolve.query({ country: "JP" })).id).toBe("eu");
    expect((await h.shop.catalog.regions.resolve.query({ country: "1x" })).id).toBe("eu");
    expect((await h.shop.catalog.regions.resolve.query({})).id).toBe("eu");
  });

  test("byId answers one region; an unknown id is a 404 naming id", async () => {
    expect((await h.shop.catalog.regions.byId.query({ id: "uk" })).currency).toBe("GBP");
    const missing = await failure(h.shop.catalog.regions.byId.query({ id: "mars" }));
    expect(missing.data?.code).toBe("NOT_FOUND");
    expect(missing.data?.field).toBe("id");
  });
});

describe("admin regions", () => {
  test("save creates a region with an id from its name, and list, resolve and byId follow at once", async () => {
    const saved = await h.admin.catalog.admin.regions.save.mutate(nordics());
    expect(saved.id).toBe("nordics");
    expect(saved.isDefault).toBe(false);
    expect(saved.shippingOptions[0]).toMatchObject({ id: "nordic-post", taxClass: "standard", active: true });
    expect((await h.shop.catalog.regions.resolve.query({ country: "SE" })).id).toBe("nordics");
    expect((await h.admin.catalog.admin.regions.list.query()).map((r) => r.id)).toEqual(["eu", "uk", "us", "nordics"]);

    // Replace it whole: a country added, an option switched off. Public reads hide inactive options.
    const edited = await h.admin.catalog.admin.regions.save.mutate(
      nordics({
        id: "nordics",
        countries: ["SE", "DK", "NO"],
        shippingOptions: [
          { ...nordics().shippingOptions[0]!, active: false },
          {
            id: "nordic-express",
            name: "Express",
            speed: "express",
            rule: { kind: "flat", amount: 1900 },
            minDays: 1,
            maxDays: 1,
          },
        ],
      }),
    );
    expect(edited.countries).toEqual(["SE", "DK", "NO"]);
    expect(edited.shippingOptions.map((o) => [o.id, o.active])).toEqual([
      ["nordic-post", false],
      ["nordic-express", true],
    ]);
    expect((await h.shop.catalog.regions.resolve.query({ country: "NO" })).id).toBe("nordics");
    const shown = await h.shop.catalog.regions.byId.query({ id: "nordics" });
    expect(shown.shippingOptions.map((o) => o.id)).toEqual(["nordic-express"]);
    const adminView = (await h.admin.catalog.admin.regions.list.query()).find((r) => r.id === "nordics")!;
    expect(adminView.shippingOptions.map((o) => o.id)).toEqual(["nordic-post", "nordic-express"]);

    // Tax rates and shipping prices are money: each save is in the staff audit log, before and after.
    const audited = await h.admin.catalog.admin.audit.list.query({
      action: "catalog.admin.regions.save",
      target: "nordics",
    });
    expect(audited.items.map((e) => e.action)).toEqual(["catalog.admin.regions.save", "catalog.admin.regions.save"]);
    const [latest, first] = audited.items;
    expect(first?.before).toBeNull();
    const countriesOf = (snapshot: unknown) => (snapshot as { countries: string[] } | null)?.countries;
    expect(countriesOf(latest?.before)).toEqual(["SE", "DK"]);
    expect(countriesOf(latest?.after)).toEqual(["SE", "DK", "NO"]);

    // A second region with the same name gets the next free id.
    const twin = await h.admin.catalog.admin.regions.save.mutate(
      nordics({ countries: ["IS"], defaultCountry: "IS", taxRates: [], shippingOptions: [] }),
    );
    expect(twin.id).toBe("nordics-2");
    await h.admin.catalog.admin.regions.delete.mutate({ id: "nordics-2" });
  });

  test("each refusal names the field to change and writes nothing", async () => {
    const before = await regionRows();
    const refusals: [SaveRegionInput, string, string][] = [
      [nordics({ countries: ["SE", "DK", "FR"] }), "CONFLICT", "countries"],
      [nordics({ defaultCountry: "FI" }), "BAD_REQUEST", "defaultCountry"],
      [
        nordics({
          taxRates: [
            { country: "SE", taxClass: "standard", rateBps: 2500, name: "VAT 25%" },
            { country: "DE", taxClass: "standard", rateBps: 1900, name: "VAT 19%" },
          ],
        }),
        "BAD_REQUEST",
        "taxRates.1.country",
      ],
      [
        nordics({
          taxRates: [
            { country: "SE", taxClass: "standard", rateBps: 2500, name: "VAT 25%" },
            { country: "se", taxClass: "standard", rateBps: 1200, name: "VAT 12%" },
          ],
        }),
        "CONFLICT",
        "taxRates.1",
      ],
      [
        nordics({
          shippingOptions: [
            {
              ...nordics().shippingOptions[0]!,
              rule: {
                kind: "weight",
                tiers: [
                  { upToGrams: 2000, amount: 700 },
                  { upToGrams: 1000, amount: 900 },
                ],
              },
            },
          ],
        }),
        "BAD_REQUEST",
        "shippingOptions.0.rule.tiers",
      ],
      [
        nordics({
          shippingOptions: [
            {
              ...nordics().shippingOptions[0]!,
              rule: {
                kind: "weight",
                tiers: [
                  { upToGrams: null, amount: 700 },
                  { upToGrams: 1000, amount: 900 },
                ],
              },
            },
          ],
        }),
        "BAD_REQUEST",
        "shippingOptions.0.rule.tiers",
      ],
      [
        nordics({ shippingOptions: [{ ...nordics().shippingOptions[0]!, minDays: 5, maxDays: 2 }] }),
        "BAD_REQUEST",
        "shippingOptions.0.maxDays",
      ],
      [
        nordics({ shippingOptions: [nordics().shippingOptions[0]!, nordics().shippingOptions[0]!] }),
        "CONFLICT",
        "shippingOptions.1.id",
      ],
      [nordics({ countries: ["SE", "DK", "SE"] }), "BAD_REQUEST", "countries.2"],
      [nordics({ currency: "CHF" as "EUR" }), "BAD_REQUEST", "currency"],
      [
        nordics({ id: "eu", isDefault: false, countries: ["FR"], defaultCountry: "FR", taxRates: [] }),
        "BAD_REQUEST",
        "isDefault",
      ],
    ];
    for (const [input, code, field] of refusals) {
      const e = await failure(h.admin.catalog.admin.regions.save.mutate({ ...input, id: input.id ?? "nordics" }));
      expect([field, e.data?.code]).toEqual([field, code]);
      expect(e.data?.field).toBe(field);
    }
    expect(await regionRows()).toEqual(before);
    // Nothing changed for shoppers either.
    expect((await h.shop.catalog.regions.resolve.query({ country: "FR" })).id).toBe("eu");
  });

  test("the default moves with isDefault; the default region cannot be deleted, others can", async () => {
    const refused = await failure(h.admin.catalog.admin.regions.delete.mutate({ id: "eu" }));
    expect(refused.data?.code).toBe("CONFLICT");
    expect(refused.data?.field).toBe("id");

    const nordic = (await h.admin.catalog.admin.regions.list.query()).find((r) => r.id === "nordics")!;
    await h.admin.catalog.admin.regions.save.mutate({ ...nordic, isDefault: true });
    expect((await h.shop.catalog.regions.resolve.query({ country: "JP" })).id).toBe("nordics");
    expect((await h.shop.catalog.regions.byId.query({ id: "eu" })).isDefault).toBe(false);
    const eu = (await h.admin.catalog.admin.regions.list.query()).find((r) => r.id === "eu")!;
    await h.admin.catalog.admin.regions.save.mutate({ ...eu, isDefault: true });
    expect((await h.shop.catalog.regions.resolve.query({})).id).toBe("eu");

    expect(await h.admin.catalog.admin.regions.delete.mutate({ id: "nordics" })).toEqual({ id: "nordics" });
    expect((await h.shop.catalog.regions.resolve.query({ country: "SE" })).id).toBe("eu");
    const gone = await failure(h.admin.catalog.admin.regions.delete.mutate({ id: "nordics" }));
    expect(gone.data?.code).toBe("NOT_FOUND");
    expect(gone.data?.field).toBe("id");
    // Its countries are free again for another region.
    const again = await h.admin.catalog.admin.regions.save.mutate(nordics({ countries: ["SE"], taxRates: [] }));
    expect(again.id).toBe("nordics");
    await h.admin.catalog.admin.regions.delete.mutate({ id: "nordics" });
  });

  test("a save made outside this process's copy (another instance) is seen on the next read", async () => {
    const before = await h.shop.catalog.regions.byId.query({ id: "uk" });
    // Another instance sharing the database: the same write path, bypassing nothing but this router.
    await h.catalog.deps.db.write(async (tx) => {
      const { saveRegionIn } = await import("../src/app/save-region.ts");
      await saveRegionIn(tx, { ...before, name: "Great Britain", taxProvider: "rates" });
    });
    expect((await h.shop.catalog.regions.byId.query({ id: "uk" })).name).toBe("Great Britain");
    await h.admin.catalog.admin.regions.save.mutate({ ...before, name: "United Kingdom" });
    expect((await h.shop.catalog.regions.byId.query({ id: "uk" })).name).toBe("United Kingdom");
  });

  test("customers and anonymous callers cannot use the admin regions API", async () => {
    expect((await failure(h.customer.catalog.admin.regions.list.query())).data?.code).toBe("FORBIDDEN");
    expect((await failure(h.shop.catalog.admin.regions.save.mutate(nordics()))).data?.code).toBe("UNAUTHORIZED");
    expect((await failure(h.customer.catalog.admin.regions.delete.mutate({ id: "uk" }))).data?.code).toBe("FORBIDDEN");
  });
});
