import {
  CURRENCIES,
  type Currency,
  PRICE_LIST_KINDS,
  type PriceList,
  type PriceListKind,
  type SavePriceListInput,
} from "@mercato/catalog/contract";
import { fromMinorUnits, toMinorUnits } from "./money.ts";

/**
 * The price list editor's state (#27) and its translation to catalog.admin.priceLists.save: times
 * are typed as UTC date-times; fixed prices one per line ("SKU CURRENCY 12.50"); a percentage
 * covers products or categories, one per line ("product <id>" or "category <id>"). The catalog's
 * contract checks the rest (a sale's window, a group list's group) and names the field.
 */
export interface PriceListDraft {
  id?: string;
  name: string;
  kind: PriceListKind;
  /** `YYYY-MM-DDTHH:mm`, UTC. */
  startsAt: string;
  endsAt: string;
  groupId: string;
  mode: "prices" | "percent";
  prices: string;
  percent: string;
  targets: string;
}

export const KIND_LABELS: Record<PriceListKind, string> = { sale: "Scheduled sale", group: "Customer group prices" };
export { PRICE_LIST_KINDS };

export function emptyPriceList(): PriceListDraft {
  return {
    name: "",
    kind: "sale",
    startsAt: "",
    endsAt: "",
    groupId: "",
    mode: "prices",
    prices: "",
    percent: "",
    targets: "",
  };
}

const utcText = (d: Date | null) => (d ? d.toISOString().slice(0, 16) : "");

export function draftOfPriceList(list: PriceList): PriceListDraft {
  return {
    id: list.id,
    name: list.name,
    kind: list.kind,
    startsAt: utcText(list.startsAt),
    endsAt: utcText(list.endsAt),
    groupId: list.groupId ?? "",
    mode: list.percentOffBps === null ? "prices" : "percent",
    prices: list.prices.map((p) => `${p.sku} ${p.currency} ${fromMinorUnits(p.amount)}`).join("\n"),
    percent: list.percentOffBps === null ? "" : fromMinorUnits(list.percentOffBps),
    targets: list.targets.map((t) => `${t.kind} ${t.id}`).join("\n"),
  };
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** A UTC date-time typed in the form, or undefined when it does not read as one. */
function utcDate(text: string): Date | undefined {
  // What a datetime-local input gives; Date's own parser accepts far more than that.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text.trim())) return undefined;
  const d = new Date(`${text.trim()}:00Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function toPriceListInput(
  draft: PriceListDraft,
): { ok: true; input: SavePriceListInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const startsAt = draft.startsAt ? utcDate(draft.startsAt) : null;
  const endsAt = draft.endsAt ? utcDate(draft.endsAt) : null;
  if (startsAt === undefined) errors.startsAt = "a date and time, UTC";
  if (endsAt === undefined) errors.endsAt = "a date and time, UTC";
  const prices: SavePriceListInput["prices"] = [];
  if (draft.mode === "prices") {
    lines(draft.prices).forEach((line, i) => {
      const [sku, currency, amount] = line.split(/\s+/);
      const minor = amount ? toMinorUnits(amount) : null;
      if (!sku || !CURRENCIES.includes(currency as Currency) || minor === null) {
        errors.prices ??= `line ${i + 1}: "SKU CURRENCY 12.50" (${CURRENCIES.join(", ")})`;
      } else prices.push({ sku, currency: currency as Currency, amount: minor });
    });
  }
  const targets: SavePriceListInput["targets"] = [];
  let percentOffBps: number | null = null;
  if (draft.mode === "percent") {
    percentOffBps = toMinorUnits(draft.percent);
    if (percentOffBps === null) errors.percent = "a percentage, e.g. 20 or 12.5";
    lines(draft.targets).forEach((line, i) => {
      const [kind, id] = line.split(/\s+/);
      if ((kind !== "product" && kind !== "category") || !id) {
        errors.targets ??= `line ${i + 1}: "product <id>" or "category <id>"`;
      } else targets.push({ kind, id });
    });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      ...(draft.id ? { id: draft.id } : {}),
      name: draft.name,
      kind: draft.kind,
      startsAt: startsAt ?? null,
      endsAt: endsAt ?? null,
      groupId: draft.groupId.trim() || null,
      prices,
      percentOffBps,
      targets,
    },
  };
}

/** The form field a service refusal belongs to (`prices.2.sku` shows under the prices box). */
export function fieldOfRefusal(field: string): string {
  if (field === "percentOffBps") return "percent";
  return field.split(".")[0] ?? field;
}
