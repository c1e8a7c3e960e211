"use client";
import { useMercato } from "@mercato/client/react";
import { MAX_LOW_STOCK_THRESHOLD, setLowStockThresholdInput } from "@mercato/inventory/contract";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";

/** A SKU's low-stock threshold (#22): at or below it, staff get a live low-stock alert. */
export function ThresholdForm({ sku, current }: { sku: string; current: number | undefined }) {
  const m = useMercato();
  const [value, setValue] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { errors, submit: send } = useSubmit();
  const refresh = useRefresh(m.inventory.admin.pathFilter());
  const save = useMutation(m.inventory.admin.setLowStockThreshold.mutationOptions());

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const parsed = setLowStockThresholdInput.safeParse({
      sku,
      threshold: value.trim() === "" ? Number.NaN : Number(value),
    });
    const fields: Record<string, string> = {};
    if (!parsed.success) fields.threshold = `a whole number from 0 to ${MAX_LOW_STOCK_THRESHOLD}`;
    await send(async () => {
      if (!parsed.success) return;
      const level = await save.mutateAsync(parsed.data);
      setDone(`Threshold ${level.lowStockThreshold}${level.lowStock ? ": this SKU is low now." : "."}`);
      setValue("");
      await refresh();
    }, fields);
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="mt-5 space-y-3 border-t border-neutral-100 pt-4"
      aria-label={`Low-stock threshold of ${sku}`}
    >
      <Field
        label="Low-stock threshold"
        name="threshold"
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_LOW_STOCK_THRESHOLD}
        placeholder={current === undefined ? "" : String(current)}
        hint={current === undefined ? undefined : `Now ${current}: staff are alerted when availability reaches it.`}
        value={value}
        error={errors.fields.threshold}
        onChange={(e) => setValue(e.target.value)}
      />
      {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
      {done ? (
        <p role="status" className="text-sm text-emerald-700">
          {done}
        </p>
      ) : null}
      <Button type="submit" variant="secondary" disabled={save.isPending}>
        Save threshold
      </Button>
    </form>
  );
}
