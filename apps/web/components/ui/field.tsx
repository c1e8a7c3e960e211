import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

/** A labelled input with the service's error message shown next to it. */
export function Field({
  label,
  error,
  hint,
  className = "",
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: ReactNode }) {
  const id = props.id ?? props.name;
  return (
    <label className={`block text-sm ${className}`} htmlFor={id}>
      <span className="mb-1 block font-medium text-neutral-700">{label}</span>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`w-full rounded-lg border px-3 py-2 text-ink shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 ${error ? "border-red-500" : "border-neutral-300"}`}
        {...props}
      />
      {hint && !error ? <span className="mt-1 block text-xs text-neutral-500">{hint}</span> : null}
      {error ? (
        <span id={`${id}-error`} role="alert" className="mt-1 block text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </label>
  );
}

export function Select({
  label,
  error,
  children,
  className = "",
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string }) {
  const id = props.id ?? props.name;
  return (
    <label className={`block text-sm ${className}`} htmlFor={id}>
      <span className="mb-1 block font-medium text-neutral-700">{label}</span>
      <select
        id={id}
        className={`w-full rounded-lg border bg-white px-3 py-2 text-ink shadow-sm ${error ? "border-red-500" : "border-neutral-300"}`}
        {...props}
      >
        {children}
      </select>
      {error ? (
        <span role="alert" className="mt-1 block text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </label>
  );
}
