"use client";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { type FormErrors, formErrors, noErrors } from "@/lib/admin/errors.ts";

// inventory's MAX_QUANTITY (apps/inventory/src/domain/stock.ts): the most one movement may move.
const MAX_QUANTITY = 10_000;

/** Receive goods (a positive quantity) or correct a count (a signed delta), always with a reason. */
export function AdjustForm({ sku }: { sku: string }) {
  const m = useMercato();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<"receive" | "correct">("receive");
  const [quantity, setQuantity] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  const adjust = useMutation(m.inventory.admin.adjust.mutationOptions());

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const n = Number(quantity);
    const fields: Record<string, string> = {};
    if (!Number.isInteger(n) || quantity.trim() === "") fields.quantity = "a whole number";
    else if (kind === "receive" && (n < 1 || n > MAX_QUANTITY)) fields.quantity = `from 1 to ${MAX_QUANTITY}`;
    else if (kind === "correct" && (n === 0 || Math.abs(n) > MAX_QUANTITY))
      fields.quantity = "a non-zero change, e.g. -2 or 5";
    if (!reason.trim()) fields.reason = "say why (delivery note, stock count…)";
    if (Object.keys(fields).length > 0) {
      setErrors({ form: null, fields });
      return;
    }
    setErrors(noErrors);
    try {
      const levels = await adjust.mutateAsync({ sku, kind, quantity: n, reason: reason.trim() });
      setDone(`Done: ${levels.onHand} on hand, ${levels.available} available.`);
      setQuantity("");
      setReason("");
      await queryClient.invalidateQueries(m.inventory.admin.pathFilter());
    } catch (failure) {
      setErrors(formErrors(failure));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={`Adjust stock of ${sku}`}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Select
          label="Movement"
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as "receive" | "correct")}
        >
          <option value="receive">Receive goods</option>
          <option value="correct">Correct a count (±)</option>
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
