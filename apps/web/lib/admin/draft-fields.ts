import type { ChangeEvent } from "react";

type TextKeys<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D] & string;

/**
 * Ties a form's text fields to its draft: `bind("code")` gives a Field its name (the key, unless
 * the page needs another), value, the error the checks or the service gave for that key, and the
 * setter.
 */
export function fieldBinder<D>(
  draft: D,
  errors: Record<string, string>,
  set: <K extends keyof D>(key: K, value: D[K]) => void,
) {
  return <K extends TextKeys<D>>(key: K, name: string = key) => ({
    name,
    value: draft[key] as string,
    error: errors[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(key, e.target.value as D[K]),
  });
}
