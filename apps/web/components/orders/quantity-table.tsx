"use client";
import type { QuantityRow } from "@/lib/orders/lines.ts";

/**
 * A table of lines with a quantity input each (0 to the line's `max`): what to ship, cancel,
 * return or receive. Each input is labelled with its line's title and SKU, and has the id
 * `<idPrefix>-<sku>` so tests and screen readers find it.
 */
export function QuantityTable({
  label,
  rows,
  values,
  onChange,
  idPrefix,
  column = "Quantity",
  errors = {},
}: {
  label: string;
  rows: QuantityRow[];
  values: Record<string, string>;
  onChange: (sku: string, value: string) => void;
  idPrefix: string;
  column?: string;
  /** Messages by SKU. */
  errors?: Record<string, string | undefined>;
}) {
  return (
    <table aria-label={label} className="w-full text-sm [&_td]:py-1.5">
      <thead className="text-left text-xs uppercase tracking-wide text-neutral-500">
        <tr>
          <th scope="col">Line</th>
          <th scope="col" className="w-32 text-right">
            {column}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const id = `${idPrefix}-${row.sku}`;
          const error = errors[row.sku];
          return (
            <tr key={row.sku} className="border-t border-neutral-100">
              <td>
                <label htmlFor={id} className="block">
                  <span className="font-medium">{row.title}</span>
                  <span className="block font-mono text-xs text-neutral-500">
                    {row.sku} · up to {row.max}
                  </span>
                </label>
                {error ? (
                  <span id={`${id}-error`} role="alert" className="block text-xs text-red-600">
                    {error}
                  </span>
                ) : null}
              </td>
              <td className="text-right">
                <input
                  id={id}
                  name={id}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={row.max}
                  step={1}
                  value={values[row.sku] ?? ""}
                  onChange={(e) => onChange(row.sku, e.target.value)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  className={`w-20 rounded-lg border px-2 py-1.5 text-right tabular-nums shadow-sm ${error ? "border-red-500" : "border-neutral-300"}`}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
