"use client";
import { useMercato } from "@mercato/client/react";
import type { OrderView } from "@mercato/orders/contract";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { QuantityTable } from "@/components/orders/quantity-table.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Money } from "@/components/ui/money.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { fieldBinder } from "@/lib/admin/draft-fields.ts";
import { fromMinorUnits, toMinorUnits } from "@/lib/admin/money.ts";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";
import { adminOrderActions, cancelRows, shipRows } from "@/lib/orders/actions.ts";
import { chosenLines, initialQuantities } from "@/lib/orders/lines.ts";

const SHOWN = new Set(["carrier", "trackingNumber", "trackingUrl", "reason", "amount", "lines"]);

type Panel = "ship" | "cancelLines" | "cancel" | "refund" | null;

const EMPTY = { carrier: "", trackingNumber: "", trackingUrl: "", reason: "", amount: "" };

/**
 * Ship some lines, cancel unshipped lines, refund, cancel the order. A button is enabled only
 * where the orders contract's rules allow the command; the service checks again and its refusal
 * is shown. Delivering is per shipment (the shipments card), returns on the returns card.
 */
export function OrderActionsPanel({ order }: { order: OrderView }) {
  const m = useMercato();
  const orderId = order.id;
  const currency = order.totals.currency;
  const allowed = adminOrderActions(order);
  const toShip = shipRows(order);
  const toCancel = cancelRows(order);
  const [panel, setPanel] = useState<Panel>(null);
  const { errors, submit, clearErrors } = useSubmit();
  const refresh = useRefresh(m.orders.admin.pathFilter(), m.payments.admin.pathFilter());
  const [draft, setDraft] = useState(EMPTY);
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof draft>(key: K, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const bind = fieldBinder(draft, errors.fields, set);
  const reason = draft.reason.trim();
  // One key per refund the admin means to make: a retried click cannot refund twice.
  const [refundKey, setRefundKey] = useState(() => crypto.randomUUID());
  // Likewise one per line cancel (a new one each time the panel opens): a double submit cancels once.
  const [cancelLinesKey, setCancelLinesKey] = useState(() => crypto.randomUUID());
  const ship = useMutation(m.orders.admin.ship.mutationOptions());
  const cancelLines = useMutation(m.orders.admin.cancelLines.mutationOptions());
  const cancel = useMutation(m.orders.admin.cancel.mutationOptions());
  const refund = useMutation(m.orders.admin.refund.mutationOptions());
  const busy = ship.isPending || cancelLines.isPending || cancel.isPending || refund.isPending;

  function open(next: Panel) {
    clearErrors();
    setLineErrors({});
    setDraft((d) => ({ ...d, reason: "", amount: next === "refund" ? fromMinorUnits(allowed.refundable) : d.amount }));
    if (next === "ship") setQuantities(initialQuantities(toShip, "max"));
    if (next === "cancelLines") {
      setQuantities(initialQuantities(toCancel, "zero"));
      setCancelLinesKey(crypto.randomUUID());
    }
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
    const trackingUrl = draft.trackingUrl.trim();
    const { lines, problems } = chosenLines(toShip, quantities);
    setLineErrors(problems);
    const fields: Record<string, string> = {};
    if (!carrier) fields.carrier = "the carrier is required";
    if (!trackingNumber) fields.trackingNumber = "the tracking number is required";
    if (trackingUrl && !/^https?:\/\//i.test(trackingUrl)) fields.trackingUrl = "a link starting with https://";
    if (Object.keys(problems).length > 0) fields.lines = "check the quantities";
    else if (lines.length === 0) fields.lines = "choose at least one unit to ship";
    run(
      () => ship.mutateAsync({ orderId, lines, carrier, trackingNumber, trackingUrl: trackingUrl || undefined }),
      fields,
    );
  }

  function submitCancelLines(e: FormEvent) {
    e.preventDefault();
    const { lines, problems } = chosenLines(toCancel, quantities);
    setLineErrors(problems);
    const fields: Record<string, string> = {};
    if (Object.keys(problems).length > 0) fields.lines = "check the quantities";
    else if (lines.length === 0) fields.lines = "choose at least one unit to cancel";
    if (!reason) fields.reason = "say why these lines are cancelled";
    run(async () => {
      await cancelLines.mutateAsync({ orderId, lines, reason, idempotencyKey: cancelLinesKey });
      setCancelLinesKey(crypto.randomUUID());
    }, fields);
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

  // A refusal naming a field no input shows (orderId, lines.0.quantity…) is shown under the buttons.
  const linesError = errors.fields.lines;
  const unshown = Object.entries(errors.fields).filter(([field]) => !SHOWN.has(field));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        <Button disabled={!allowed.ship || busy} onClick={() => open("ship")}>
          Ship
        </Button>
        <Button variant="secondary" disabled={!allowed.cancelLines || busy} onClick={() => open("cancelLines")}>
          Cancel lines
        </Button>
        <Button variant="secondary" disabled={!allowed.refund || busy} onClick={() => open("refund")}>
          Refund
        </Button>
        <Button variant="danger" disabled={!allowed.cancel || busy} onClick={() => open("cancel")}>
          Cancel order
        </Button>
      </div>
      {panel === "ship" ? (
        <form onSubmit={submitShip} noValidate className="space-y-3 rounded-lg border border-neutral-200 p-4">
          <QuantityTable
            label="Units to ship"
            column="Ship"
            idPrefix="ship"
            rows={toShip}
            values={quantities}
            onChange={(sku, v) => setQuantities((q) => ({ ...q, [sku]: v }))}
            errors={lineErrors}
          />
          {linesError ? (
            <p role="alert" className="text-xs text-red-600">
              {linesError}
            </p>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-3">
            <Field label="Carrier" {...bind("carrier")} />
            <Field label="Tracking number" {...bind("trackingNumber")} />
            <Field label="Tracking URL" type="url" placeholder="https://" {...bind("trackingUrl")} />
          </div>
          <Button type="submit" disabled={busy}>
            Confirm shipment
          </Button>
        </form>
      ) : null}
      {panel === "cancelLines" ? (
        <form
          onSubmit={submitCancelLines}
          noValidate
          className="space-y-3 rounded-lg border border-red-200 bg-red-50/40 p-4"
        >
          <QuantityTable
            label="Units to cancel"
            column="Cancel"
            idPrefix="cancel"
            rows={toCancel}
            values={quantities}
            onChange={(sku, v) => setQuantities((q) => ({ ...q, [sku]: v }))}
            errors={lineErrors}
          />
          {linesError ? (
            <p role="alert" className="text-xs text-red-600">
              {linesError}
            </p>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
            <Field
              label="Reason for cancelling these lines"
              {...bind("reason", "cancelLinesReason")}
              hint={
                order.paidAmount > 0
                  ? "Their price (with their share of discount and tax) is refunded and their stock put back."
                  : "Their reserved stock is released."
              }
            />
            <Button type="submit" variant="danger" disabled={busy}>
              Cancel the lines
            </Button>
          </div>
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
            Up to <Money amount={allowed.refundable} currency={currency} className="font-medium" /> can be refunded.
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
      {errors.form || unshown.length > 0 ? (
        <ErrorNote>{errors.form ?? unshown.map(([field, reason]) => `${field}: ${reason}`).join("; ")}</ErrorNote>
      ) : null}
    </div>
  );
}
