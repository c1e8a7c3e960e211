"use client";
import { type KeyboardEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { parseCountries } from "@/lib/admin/region-draft.ts";

/**
 * A region's countries as chips of ISO codes: type one or more codes ("fr de, be") and press
 * Enter or Add; each chip has its remove button. Codes that are not country codes stay in the box
 * with a note, so nothing typed is lost silently.
 */
export function CountryChips({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string;
}) {
  const [text, setText] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const shown = note ?? error;

  function add() {
    const { codes, invalid } = parseCountries(text);
    const fresh = codes.filter((c) => !value.includes(c));
    if (fresh.length) onChange([...value, ...fresh]);
    setText(invalid.join(" "));
    setNote(invalid.length ? `Not a two-letter country code: ${invalid.join(", ")}` : null);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      add();
    } else if (e.key === "Backspace" && text === "" && value.length) onChange(value.slice(0, -1));
  }

  return (
    <div className="text-sm">
      <label htmlFor={id} className="mb-1 block font-medium text-neutral-700">
        {label}
      </label>
      <div
        className={`flex flex-wrap items-center gap-1.5 rounded-lg border bg-white px-2 py-1.5 shadow-sm ${shown ? "border-red-500" : "border-neutral-300"}`}
      >
        <ul className="flex flex-wrap gap-1.5" aria-label={`${label} chosen`} data-testid={`${id}-chips`}>
          {value.map((code) => (
            <li
              key={code}
              className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pr-1 pl-2.5 font-mono text-xs font-semibold text-brand-700"
            >
              {code}
              <button
                type="button"
                aria-label={`Remove ${code}`}
                className="rounded-full px-1 text-brand-700 hover:bg-brand-100"
                onClick={() => onChange(value.filter((c) => c !== code))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={id}
          value={text}
          placeholder={value.length ? "Add more…" : "FR, DE, BE"}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? `${id}-error` : `${id}-hint`}
          autoCapitalize="characters"
          className="min-w-[6rem] flex-1 border-0 px-1 py-1 uppercase outline-none"
          onChange={(e) => {
            setText(e.target.value);
            setNote(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => (text.trim() ? add() : undefined)}
        />
        <Button variant="secondary" className="px-3 py-1 text-xs" onClick={add} disabled={!text.trim()}>
          Add
        </Button>
      </div>
      {shown ? (
        <span id={`${id}-error`} role="alert" className="mt-1 block text-xs text-red-600">
          {shown}
        </span>
      ) : (
        <span id={`${id}-hint`} className="mt-1 block text-xs text-neutral-500">
          ISO 3166-1 codes; Enter or a comma adds them.
        </span>
      )}
    </div>
  );
}
