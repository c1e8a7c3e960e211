"use client";
import { useMercato } from "@mercato/client/react";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Money } from "@/components/ui/money.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { fieldBinder } from "@/lib/admin/draft-fields.ts";
import { fromMinorUnits, toMinorUnits } from "@/lib/admin/money.ts";
import { type OrderFacts, orderActions } from "@/lib/admin/order-actions.ts";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";

type Panel = "ship" | "cancel" | "refund" | null;

/**
 * Ship, deliver, cancel and refund. A button is enabled only where the order's state allows the
 * command; the service checks again and its refusal is shown.
 */
export function OrderActionsPanel({ orderId, order }: { orderId: string; order: OrderFacts & { currency: string } }) {
  const m = useMercato();
  const allowed = orderActions(order);
  const [panel, setPanel] = useState<Panel>(null);
  const { errors, submit, clearErrors } = useSubmit();
  const refresh = useRefresh(m.orders.admin.pathFilter(), m.payments.admin.pathFilter());
  const [draft, setDraft] = useState({ carrier: "", trackingNumber: "", reason: "", amount: "" });
  const set = <K extends keyof typeof draft>(key: K, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const bind = fieldBinder(draft, errors.fields, set);
  const reason = draft.reason.trim();
  // One key per refund the admin means to make: a retried click cannot refund twice.
  const [refundKey, setRefundKey] = useState(() => crypto.randomUUID());
  const ship = useMutation(m.orders.admin.ship.mutationOptions());
  const deliver = useMutation(m.orders.admin.deliver.mutationOptions());
  const cancel = useMutation(m.orders.admin.cancel.mutationOptions());
  const refund = useMutation(m.orders.admin.refund.mutationOptions());
  const busy = ship.isPending || deliver.isPending || cancel.isPending || refund.isPending;

  function open(next: Panel) {
    clearErrors();
    setDraft((d) => ({ ...d, reason: "", amount: next === "refund" ? fromMinorUnits(allowed.refundable) : d.amount }));
    setPanel((p) => (p === next ? null : next));
  }

  /** Sends a command (unless `fields` names a problem), then closes the panel and reloads the order. */
  function run(action: () => Promise<unknown>, fields: Record<string, string> = {}) {
    void submit(async () => {
      await action();
      setPanel(null);
      await refresh();
    }, fields);
  }

  function submitShip(e: FormEvent) {
    e.preventDefault();
    const carrier = draft.carrier.trim();
    const trackingNumber = draft.trackingNumber.trim();
    const fields: Record<string, string> = {};
    if (!carrier) fields.carrier = "the carrier is required";
    if (!trackingNumber) fields.trackingNumber = "the tracking number is required";
    run(() => ship.mutateAsync({ orderId, carrier, trackingNumber }), fields);
  }

  function submitCancel(e: FormEvent) {
    e.preventDefault();
    run(() => cancel.mutateAsync({ orderId, reason }), reason ? {} : { reason: "say why the order is cancelled" });
  }

  function submitRefund(e: FormEvent) {
    e.preventDefault();
    const minor = toMinorUnits(draft.amount);
    const fields: Record<string, string> = {};
    if (minor === null || minor <= 0) fields.amount = "an amount like 5.00";
    else if (minor > allowed.refundable) fields.amount = `at most ${fromMinorUnits(allowed.refundable)}`;
    if (!reason) fields.reason = "say why the money goes back";
    run(async () => {
      await refund.mutateAsync({ orderId, amount: minor ?? 0, reason, idempotencyKey: refundKey });
      setRefundKey(crypto.randomUUID());
    }, fields);
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        <Button disabled={!allowed.ship || busy} onClick={() => open("ship")}>
          Ship
        </Button>
        <Button
          variant="secondary"
          disabled={!allowed.deliver || busy}
          onClick={() => run(() => deliver.mutateAsync({ orderId }))}
        >
          Mark delivered
        </Button>
        <Button variant="secondary" disabled={!allowed.refund || busy} onClick={() => open("refund")}>
          Refund
        </Button>
        <Button variant="danger" disabled={!allowed.cancel || busy} onClick={() => open("cancel")}>
          Cancel order
        </Button>
      </div>
      {panel === "ship" ? (
        <form
          onSubmit={submitShip}
          noValidate
          className="grid gap-3 rounded-lg border border-neutral-200 p-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        >
          <Field label="Carrier" {...bind("carrier")} />
          <Field label="Tracking number" {...bind("trackingNumber")} />
          <Button type="submit" disabled={busy}>
            Confirm shipment
          </Button>
        </form>
      ) : null}
      {panel === "cancel" ? (
        <form
          onSubmit={submitCancel}
          noValidate
          className="grid gap-3 rounded-lg border border-red-200 bg-red-50/40 p-4 sm:grid-cols-[1fr_auto] sm:items-end"
        >
          <Field
            label="Reason for cancelling"
            {...bind("reason", "cancelReason")}
            hint={
              order.paidAmount > 0
                ? "The payment is refunded in full and the stock put back."
                : "The reserved stock is released."
            }
          />
          <Button type="submit" variant="danger" disabled={busy}>
            Cancel the order
          </Button>
        </form>
      ) : null}
      {panel === "refund" ? (
        <form onSubmit={submitRefund} noValidate className="space-y-3 rounded-lg border border-neutral-200 p-4">
          <p className="text-sm text-neutral-600">
            Up to <Money amount={allowed.refundable} currency={order.currency} className="font-medium" /> can be
            refunded.
          </p>
          <div className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end">
            <Field label="Amount" inputMode="decimal" {...bind("amount", "refundAmount")} />
            <Field label="Reason" {...bind("reason", "refundReason")} />
            <Button type="submit" disabled={busy}>
              Refund
            </Button>
          </div>
        </form>
      ) : null}
      {errors.form || errors.fields.orderId ? (
        <ErrorNote>{errors.form ?? `orderId: ${errors.fields.orderId}`}</ErrorNote>
      ) : null}
    </div>
  );
}
