"use client";
import { useMercato } from "@mercato/client/react";
import { ADJUSTMENT_KINDS, type AdjustmentKind, adjustInput, MAX_QUANTITY } from "@mercato/inventory/contract";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";

const KIND_LABELS: Record<AdjustmentKind, string> = { receive: "Receive goods", correct: "Correct a count (±)" };

/** What the form says about a field inventory's contract refuses: about this form, not zod's words. */
const HINTS: Record<string, (kind: AdjustmentKind) => string> = {
  quantity: (kind) => (kind === "receive" ? `from 1 to ${MAX_QUANTITY}` : "a non-zero change, e.g. -2 or 5"),
  reason: () => "say why (delivery note, stock count…)",
};

/** Receive goods (a positive quantity) or correct a count (a signed delta), always with a reason. */
export function AdjustForm({ sku }: { sku: string }) {
  const m = useMercato();
  const [kind, setKind] = useState<AdjustmentKind>("receive");
  const [quantity, setQuantity] = useState("");
  const [reason, setReason] = useState("");
  const { errors, submit: send } = useSubmit();
  const refresh = useRefresh(m.inventory.admin.pathFilter());
  const [done, setDone] = useState<string | null>(null);
  const adjust = useMutation(m.inventory.admin.adjust.mutationOptions());

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const n = Number(quantity);
    const parsed = adjustInput.safeParse({ sku, kind, quantity: n, reason });
    const fields: Record<string, string> = {};
    if (!Number.isInteger(n) || quantity.trim() === "") fields.quantity = "a whole number";
    for (const issue of parsed.error?.issues ?? []) {
      const field = String(issue.path[0]);
      fields[field] ??= HINTS[field]?.(kind) ?? issue.message;
    }
    await send(async () => {
      if (!parsed.success) return;
      const levels = await adjust.mutateAsync(parsed.data);
      setDone(`Done: ${levels.onHand} on hand, ${levels.available} available.`);
      setQuantity("");
      setReason("");
      await refresh();
    }, fields);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={`Adjust stock of ${sku}`}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Select label="Movement" name="kind" value={kind} onChange={(e) => setKind(e.target.value as AdjustmentKind)}>
          {ADJUSTMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </Select>
        <Field
          label="Quantity"
          name="quantity"
          type="number"
          inputMode="numeric"
          value={quantity}
          error={errors.fields.quantity}
          onChange={(e) => setQuantity(e.target.value)}
        />
      </div>
      <Field
        label="Reason"
        name="reason"
        value={reason}
        error={errors.fields.reason}
        onChange={(e) => setReason(e.target.value)}
      />
      {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
      {errors.fields.sku ? <ErrorNote>sku: {errors.fields.sku}</ErrorNote> : null}
      {done ? (
        <p role="status" className="text-sm text-emerald-700">
          {done}
        </p>
      ) : null}
      <Button type="submit" disabled={adjust.isPending}>
        {kind === "receive" ? "Receive stock" : "Apply correction"}
      </Button>
    </form>
  );
}
