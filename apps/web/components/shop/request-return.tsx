"use client";
import { useMercato, useMercatoClient } from "@mercato/client/react";
import { type OrderView, RETURN_REASON_LABELS, RETURN_REASONS, type ReturnReason } from "@mercato/orders/contract";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Money } from "@/components/ui/money.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { returnableRows } from "@/lib/orders/actions.ts";
import { chosenLines } from "@/lib/orders/lines.ts";
import { errorMessage } from "@/lib/shop/errors.ts";

interface Choice {
  quantity: string;
  reason: ReturnReason | "";
  exchangeForSku: string;
}

function optionsText(options: Record<string, string>): string {
  return Object.entries(options)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
}

/**
 * "Request a return": the delivered lines still inside the return window (the contract's rule),
 * each with how many to send back, why (the contract's fixed list of reasons) and, optionally,
 * another variant of the same product to get instead. Works for a signed-in owner and for a guest
 * (the order's token travels in its HttpOnly cookie through the proxy).
 */
export function RequestReturn({ order, onRequested }: { order: OrderView; onRequested: () => void }) {
  const m = useMercato();
  const client = useMercatoClient();
  const rows = returnableRows(order, new Date());
  const [open, setOpen] = useState(false);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [errors, setErrors] = useState<{ form: string | null; fields: Record<string, string> }>({
    form: null,
    fields: {},
  });
  const [done, setDone] = useState(false);
  const request = useMutation(m.orders.requestReturn.mutationOptions());
  const productIds = [...new Set(order.lines.map((l) => l.productId))];
  const currency = order.totals.currency;
  // Other variants of each line's product, priced in the order's currency (for an exchange).
  const products = useQuery({
    queryKey: ["shop", "return-variants", productIds, currency],
    enabled: open && productIds.length > 0,
    queryFn: () => client.catalog.products.byIds.query({ ids: productIds, currency }),
    staleTime: 60_000,
  });

  if (rows.length === 0 && !done) return null;

  const choice = (sku: string): Choice => choices[sku] ?? { quantity: "0", reason: "", exchangeForSku: "" };
  const set = (sku: string, patch: Partial<Choice>) => {
    setChoices((c) => ({ ...c, [sku]: { ...choice(sku), ...patch } }));
    // A changed input's own message goes; the others stay until the next send.
    setErrors((e) => {
      const fields = { ...e.fields };
      if (patch.quantity !== undefined) delete fields[sku];
      if (patch.reason !== undefined) delete fields[`reason-${sku}`];
      delete fields.lines;
      return { ...e, fields };
    });
  };
  const alternatives = (sku: string) => {
    const line = order.lines.find((l) => l.sku === sku);
    const product = products.data?.find((p) => p.id === line?.productId);
    return (product?.variants ?? []).filter((v) => v.sku !== sku);
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const quantities = Object.fromEntries(rows.map((r) => [r.sku, choice(r.sku).quantity]));
    const { lines, problems } = chosenLines(rows, quantities);
    const fields: Record<string, string> = { ...problems };
    for (const line of lines) if (!choice(line.sku).reason) fields[`reason-${line.sku}`] = "choose a reason";
    if (lines.length === 0 && Object.keys(problems).length === 0) fields.lines = "choose at least one item to return";
    if (Object.keys(fields).length > 0) {
      setErrors({ form: null, fields });
      return;
    }
    setErrors({ form: null, fields: {} });
    try {
      await request.mutateAsync({
        orderId: order.id,
        lines: lines.map((l) => {
          const c = choice(l.sku);
          return {
            sku: l.sku,
            quantity: l.quantity,
            reason: c.reason as ReturnReason,
            ...(c.exchangeForSku ? { exchangeForSku: c.exchangeForSku } : {}),
          };
        }),
      });
      setDone(true);
      setOpen(false);
      setChoices({});
      onRequested();
    } catch (err) {
      setErrors({ form: errorMessage(err), fields: {} });
    }
  }

  return (
    <section aria-labelledby="return-heading" className="rounded-2xl border border-neutral-200 p-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="return-heading" className="text-lg font-semibold">
          Return items
        </h2>
        {open || rows.length === 0 ? null : (
          <Button variant="secondary" onClick={() => setOpen(true)}>
            Request a return
          </Button>
        )}
      </div>
      {done ? (
        <p role="status" className="mt-3 rounded-xl bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
          Your return request is in. We will email you its number and how to send the items back.
        </p>
      ) : null}
      {open ? (
        <form onSubmit={(e) => void onSubmit(e)} noValidate className="mt-4 space-y-4" aria-label="Request a return">
          <ul className="divide-y divide-neutral-200">
            {rows.map((row) => {
              const c = choice(row.sku);
              const qtyId = `return-qty-${row.sku}`;
              const reasonId = `return-reason-${row.sku}`;
              const exchangeId = `return-exchange-${row.sku}`;
              const others = alternatives(row.sku);
              const qtyError = errors.fields[row.sku];
              const reasonError = errors.fields[`reason-${row.sku}`];
              return (
                <li key={row.sku} className="grid gap-3 py-3 text-sm sm:grid-cols-[1fr_6rem]">
                  <div className="space-y-2">
                    <p className="font-medium">{row.title}</p>
                    <p className="text-neutral-500">
                      SKU {row.sku} · up to {row.max} can be returned
                    </p>
                    <label htmlFor={reasonId} className="block">
                      <span className="mb-1 block font-medium text-neutral-700">Reason</span>
                      <select
                        id={reasonId}
                        value={c.reason}
                        onChange={(e) => set(row.sku, { reason: e.target.value as ReturnReason | "" })}
                        aria-invalid={reasonError ? true : undefined}
                        aria-describedby={reasonError ? `${reasonId}-error` : undefined}
                        className="w-full rounded-lg border border-neutral-300 bg-white px-3 py-2"
                      >
                        <option value="">Choose a reason</option>
                        {RETURN_REASONS.map((r) => (
                          <option key={r} value={r}>
                            {RETURN_REASON_LABELS[r]}
                          </option>
                        ))}
                      </select>
                      {reasonError ? (
                        <span id={`${reasonId}-error`} role="alert" className="mt-1 block text-xs text-red-600">
                          {reasonError}
                        </span>
                      ) : null}
                    </label>
                    {others.length > 0 ? (
                      <label htmlFor={exchangeId} className="block">
                        <span className="mb-1 block font-medium text-neutral-700">Exchange for (optional)</span>
                        <select
                          id={exchangeId}
                          value={c.exchangeForSku}
                          onChange={(e) => set(row.sku, { exchangeForSku: e.target.value })}
                          className="w-full rounded-lg border border-neutral-300 bg-white px-3 py-2"
                        >
                          <option value="">No exchange: refund me</option>
                          {others.map((v) => (
                            <option key={v.sku} value={v.sku}>
                              {optionsText(v.options) || v.sku} ({v.sku})
                            </option>
                          ))}
                        </select>
                      </label>
                    ) : null}
                    {c.exchangeForSku ? (
                      <p className="text-xs text-neutral-500">
                        The new item ships once we receive this one; any price difference (
                        <Money
                          amount={
                            (others.find((v) => v.sku === c.exchangeForSku)?.price ?? 0) -
                            (order.lines.find((l) => l.sku === row.sku)?.unitPrice ?? 0)
                          }
                          currency={currency}
                        />{" "}
                        a unit) is charged or refunded.
                      </p>
                    ) : null}
                  </div>
                  <label htmlFor={qtyId} className="block">
                    <span className="mb-1 block font-medium text-neutral-700">Quantity</span>
                    <input
                      id={qtyId}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={row.max}
                      value={c.quantity}
                      onChange={(e) => set(row.sku, { quantity: e.target.value })}
                      aria-invalid={qtyError ? true : undefined}
                      aria-describedby={qtyError ? `${qtyId}-error` : undefined}
                      className="w-full rounded-lg border border-neutral-300 px-3 py-2 text-right tabular-nums"
                    />
                    {qtyError ? (
                      <span id={`${qtyId}-error`} role="alert" className="mt-1 block text-xs text-red-600">
                        {qtyError}
                      </span>
                    ) : null}
                  </label>
                </li>
              );
            })}
          </ul>
          {errors.fields.lines ? (
            <p role="alert" className="text-sm text-red-600">
              {errors.fields.lines}
            </p>
          ) : null}
          {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={request.isPending}>
              {request.isPending ? "Sending…" : "Send return request"}
            </Button>
            <Button variant="secondary" type="button" onClick={() => setOpen(false)}>
              Not now
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
