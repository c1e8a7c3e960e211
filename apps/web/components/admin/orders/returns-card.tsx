"use client";
import { useMercato } from "@mercato/client/react";
import { type OrderView, RETURN_REASON_LABELS } from "@mercato/orders/contract";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { StatusPill } from "@/components/orders/status-badges.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Money } from "@/components/ui/money.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { formatDateTime } from "@/lib/admin/format.ts";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";
import { type OrderReturn, returnActions, titleOf } from "@/lib/orders/actions.ts";
import { Card } from "../page-header.tsx";

/** The messages a form's errors hold for line `i` (`lines.0.received`, `lines.0.damaged`…), and for `lines`. */
function lineErrors(fields: Record<string, string>, i: number): string[] {
  return Object.entries(fields)
    .filter(([field]) => field.startsWith(`lines.${i}.`) || (i === 0 && field === "lines"))
    .map(([field, reason]) => `${field.split(".").at(-1)}: ${reason}`);
}

function reasonLabel(reason: string): string {
  return (RETURN_REASON_LABELS as Record<string, string>)[reason] ?? reason;
}

/**
 * What arrived of each line: units received (at most what was sent back) and, of those, how many
 * are damaged. Undamaged units go back to stock; the orders service computes the refund.
 */
function ReceiveForm({ order, ret, onDone }: { order: OrderView; ret: OrderReturn; onDone: () => Promise<void> }) {
  const m = useMercato();
  const receive = useMutation(m.orders.admin.returns.receive.mutationOptions());
  const { errors, submit } = useSubmit();
  const [counts, setCounts] = useState<Record<string, { received: string; damaged: string }>>(() =>
    Object.fromEntries(ret.lines.map((l) => [l.sku, { received: String(l.quantity), damaged: "0" }])),
  );
  const set = (sku: string, key: "received" | "damaged", value: string) =>
    setCounts((c) => ({ ...c, [sku]: { ...(c[sku] ?? { received: "0", damaged: "0" }), [key]: value } }));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const lines = ret.lines.map((l, i) => {
      const received = Number(counts[l.sku]?.received ?? "0");
      const damaged = Number(counts[l.sku]?.damaged ?? "0");
      if (!Number.isInteger(received) || received < 0 || received > l.quantity) {
        fields[`lines.${i}.received`] = `a whole number from 0 to ${l.quantity}`;
      } else if (!Number.isInteger(damaged) || damaged < 0 || damaged > received) {
        fields[`lines.${i}.damaged`] = `a whole number from 0 to the ${received} received`;
      }
      return { sku: l.sku, received, damaged };
    });
    void submit(async () => {
      await receive.mutateAsync({ orderId: order.id, returnId: ret.id, lines });
      await onDone();
    }, fields);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3 rounded-lg border border-neutral-200 p-3">
      <table aria-label={`What arrived of ${ret.number}`} className="w-full text-sm [&_td]:py-1.5">
        <thead className="text-left text-xs uppercase tracking-wide text-neutral-500">
          <tr>
            <th scope="col">Line</th>
            <th scope="col" className="w-24 text-right">
              Received
            </th>
            <th scope="col" className="w-24 text-right">
              Of which damaged
            </th>
          </tr>
        </thead>
        <tbody>
          {ret.lines.map((l, i) => (
            <tr key={l.sku} className="border-t border-neutral-100">
              <td>
                <span className="font-medium">{titleOf(order, l.sku)}</span>
                <span className="block font-mono text-xs text-neutral-500">
                  {l.sku} · {l.quantity} sent back
                </span>
                {lineErrors(errors.fields, i).map((message) => (
                  <span key={message} role="alert" className="block text-xs text-red-600">
                    {message}
                  </span>
                ))}
              </td>
              {(["received", "damaged"] as const).map((key) => (
                <td key={key} className="text-right">
                  <label className="sr-only" htmlFor={`${key}-${ret.id}-${l.sku}`}>
                    {key === "received" ? "Received" : "Of which damaged"}: {l.sku}
                  </label>
                  <input
                    id={`${key}-${ret.id}-${l.sku}`}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={l.quantity}
                    value={counts[l.sku]?.[key] ?? ""}
                    onChange={(e) => set(l.sku, key, e.target.value)}
                    className="w-20 rounded-lg border border-neutral-300 px-2 py-1.5 text-right tabular-nums shadow-sm"
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-neutral-500">
        Received units that are not damaged go back to stock; the orders service computes the refund.
      </p>
      <Button type="submit" disabled={receive.isPending}>
        Record receipt
      </Button>
      {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
    </form>
  );
}

/** Ships an exchange's replacement units as a new shipment (carrier, tracking number and link). */
function ShipExchangeForm({ order, ret, onDone }: { order: OrderView; ret: OrderReturn; onDone: () => Promise<void> }) {
  const m = useMercato();
  const ship = useMutation(m.orders.admin.ship.mutationOptions());
  const { errors, submit } = useSubmit();
  const [draft, setDraft] = useState({ carrier: "", trackingNumber: "", trackingUrl: "" });
  const id = (key: string) => `exchange-${ret.id}-${key}`;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const carrier = draft.carrier.trim();
    const trackingNumber = draft.trackingNumber.trim();
    const trackingUrl = draft.trackingUrl.trim();
    const fields: Record<string, string> = {};
    if (!carrier) fields.carrier = "the carrier is required";
    if (!trackingNumber) fields.trackingNumber = "the tracking number is required";
    void submit(async () => {
      await ship.mutateAsync({
        orderId: order.id,
        exchangeReturnId: ret.id,
        carrier,
        trackingNumber,
        trackingUrl: trackingUrl || undefined,
      });
      await onDone();
    }, fields);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3 rounded-lg border border-neutral-200 p-3">
      <p className="text-sm font-medium">Ship the replacement</p>
      <div className="grid gap-3 sm:grid-cols-3">
        {(
          [
            ["carrier", "Carrier"],
            ["trackingNumber", "Tracking number"],
            ["trackingUrl", "Tracking URL"],
          ] as const
        ).map(([key, label]) => (
          <Field
            key={key}
            id={id(key)}
            name={id(key)}
            label={label}
            value={draft[key]}
            onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
            error={errors.fields[key]}
          />
        ))}
      </div>
      <Button type="submit" disabled={ship.isPending}>
        Ship exchange<span className="sr-only"> {ret.number}</span>
      </Button>
      {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
    </form>
  );
}

function ReturnItem({ order, ret }: { order: OrderView; ret: OrderReturn }) {
  const m = useMercato();
  const refresh = useRefresh(m.orders.admin.pathFilter(), m.payments.admin.pathFilter());
  const approve = useMutation(m.orders.admin.returns.approve.mutationOptions());
  const reject = useMutation(m.orders.admin.returns.reject.mutationOptions());
  const { errors, submit } = useSubmit();
  const [note, setNote] = useState("");
  const allowed = returnActions(order, ret);
  const busy = approve.isPending || reject.isPending;
  const currency = order.totals.currency;

  function decide(kind: "approve" | "reject") {
    const text = note.trim();
    const fields: Record<string, string> = kind === "reject" && !text ? { note: "say why the return is rejected" } : {};
    void submit(async () => {
      const input = { orderId: order.id, returnId: ret.id, note: text };
      await (kind === "approve" ? approve.mutateAsync(input) : reject.mutateAsync(input));
      setNote("");
      await refresh();
    }, fields);
  }

  return (
    <li className="rounded-lg border border-neutral-200 p-3 text-sm" data-testid="return" data-return-id={ret.id}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium">
          {ret.number} <span className="font-normal text-neutral-500">· {formatDateTime(ret.requestedAt)}</span>
        </p>
        <StatusPill kind="return" status={ret.status} />
      </div>
      <ul className="mt-2 space-y-0.5">
        {ret.lines.map((l) => (
          <li key={l.sku}>
            {l.quantity} × {titleOf(order, l.sku)} <span className="font-mono text-xs text-neutral-500">{l.sku}</span>
            <span className="text-neutral-600"> — {reasonLabel(l.reason)}</span>
            {l.exchangeForSku ? (
              <span className="text-neutral-600">
                {" "}
                · exchange for <span className="font-mono">{l.exchangeForSku}</span>
              </span>
            ) : null}
            {l.received !== null && l.received !== undefined ? (
              <span className="text-neutral-600">
                {" "}
                · {l.received} received, {l.damaged ?? 0} damaged
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {ret.note ? <p className="mt-2 text-neutral-600">Note: {ret.note}</p> : null}
      {ret.exchange ? (
        <p className="mt-2 text-neutral-600" data-testid="return-exchange">
          Exchange:{" "}
          {ret.exchange.difference > 0 ? (
            <>
              the shopper pays <Money amount={ret.exchange.difference} currency={currency} />
              {ret.exchange.paidAt ? " (paid)" : " (awaiting payment)"}
            </>
          ) : ret.exchange.difference < 0 ? (
            <>
              <Money amount={-ret.exchange.difference} currency={currency} /> goes back with the refund
            </>
          ) : (
            "same price"
          )}
          {ret.exchange.shipmentId ? " · replacement shipped" : ""}
        </p>
      ) : null}
      {ret.refund ? (
        <p className="mt-2" data-testid="return-refund">
          Refund <Money amount={ret.refund.amount} currency={currency} className="font-medium" />
        </p>
      ) : null}
      {allowed.approve || allowed.reject ? (
        <div className="mt-3 grid gap-2 sm:grid-cols-[1fr_auto_auto] sm:items-end">
          <Field
            label="Note to the shopper"
            name={`note-${ret.id}`}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={errors.fields.note}
          />
          <Button disabled={!allowed.approve || busy} onClick={() => decide("approve")}>
            Approve<span className="sr-only"> {ret.number}</span>
          </Button>
          <Button variant="danger" disabled={!allowed.reject || busy} onClick={() => decide("reject")}>
            Reject<span className="sr-only"> {ret.number}</span>
          </Button>
        </div>
      ) : null}
      {errors.form ? (
        <div className="mt-2">
          <ErrorNote>{errors.form}</ErrorNote>
        </div>
      ) : null}
      {allowed.receive ? <ReceiveForm order={order} ret={ret} onDone={refresh} /> : null}
      {allowed.shipExchange ? <ShipExchangeForm order={order} ret={ret} onDone={refresh} /> : null}
    </li>
  );
}

/** The order's returns: approve or reject a request with a note, record what arrived, see the refund. */
export function ReturnsCard({ order }: { order: OrderView }) {
  if (order.returns.length === 0) return null;
  return (
    <Card title="Returns">
      <ol className="space-y-3" data-testid="returns">
        {order.returns.map((r) => (
          <ReturnItem key={r.id} order={order} ret={r} />
        ))}
      </ol>
    </Card>
  );
}
