/**
 * Price lists (#27): what the admin's procedures accept and answer. Pure (zod and
 * @mercato/pricing), re-exported by the contract, so the admin form reads the same rules.
 */
import { currencySchema, customerGroupIdSchema, minorUnitsSchema, PRICE_LIST_KINDS } from "@mercato/pricing";
import { z } from "zod";

export { PRICE_LIST_KINDS, type PriceListKind } from "@mercato/pricing";

export const PRICE_LIST_LIMITS = { name: 120, prices: 500, targets: 200 } as const;

export { customerGroupIdSchema };

const priceListPrice = z.object({
  sku: z.string().trim().min(1).max(64),
  currency: currencySchema,
  amount: minorUnitsSchema.pipe(z.number().min(0)),
});

const priceListTarget = z.object({ kind: z.enum(["product", "category"]), id: z.string().trim().min(1).max(64) });

/**
 * A whole price list: without `id` it is created, with one replaced. A list fixes `prices` per
 * SKU and currency, or takes `percentOffBps` off `targets` (products or categories), not both.
 * A sale needs its window; a group list needs its group. `endsAt` is after `startsAt`.
 */
export const savePriceListInput = z
  .object({
    id: z.string().uuid().optional(),
    name: z.string().trim().min(1).max(PRICE_LIST_LIMITS.name),
    kind: z.enum(PRICE_LIST_KINDS),
    startsAt: z.coerce.date().nullable().default(null),
    endsAt: z.coerce.date().nullable().default(null),
    groupId: customerGroupIdSchema.nullable().default(null),
    prices: z.array(priceListPrice).max(PRICE_LIST_LIMITS.prices).default([]),
    percentOffBps: z.number().int().min(1).max(10_000).nullable().default(null),
    targets: z.array(priceListTarget).max(PRICE_LIST_LIMITS.targets).default([]),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.kind === "sale" && (!v.startsAt || !v.endsAt))
      issue(v.startsAt ? "endsAt" : "startsAt", "a sale needs a start and an end");
    if (v.kind === "group" && !v.groupId) issue("groupId", "a group price list needs its customer group");
    if (v.startsAt && v.endsAt && v.endsAt.getTime() <= v.startsAt.getTime()) issue("endsAt", "must be after startsAt");
    if (v.percentOffBps === null && v.prices.length === 0)
      issue("prices", "give prices, or a percentage off a selection");
    if (v.percentOffBps !== null && v.prices.length > 0)
      issue("prices", "a list fixes prices or takes a percentage off, not both");
    if (v.percentOffBps !== null && v.targets.length === 0)
      issue("targets", "a percentage needs the products or categories it covers");
    const seen = new Set<string>();
    v.prices.forEach((p, i) => {
      const key = `${p.sku} ${p.currency}`;
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: ["prices", i, "sku"], message: "listed twice in this currency" });
      seen.add(key);
    });
  });
export type SavePriceListInput = z.input<typeof savePriceListInput>;

export const priceListIdInput = z.object({ id: z.string().uuid() });

export const priceListSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PRICE_LIST_KINDS),
  startsAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  groupId: z.string().nullable(),
  prices: z.array(priceListPrice),
  percentOffBps: z.number().int().nullable(),
  targets: z.array(priceListTarget),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PriceList = z.infer<typeof priceListSchema>;

/** Whether a list is in force, waiting for its start, or over, at a moment (the admin's badge). */
export function priceListState(
  list: Pick<PriceList, "startsAt" | "endsAt">,
  now: Date,
): "scheduled" | "active" | "ended" {
  if (list.startsAt && now.getTime() < list.startsAt.getTime()) return "scheduled";
  if (list.endsAt && now.getTime() >= list.endsAt.getTime()) return "ended";
  return "active";
}
