"use client";
import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Card } from "./page-header.tsx";

/**
 * The admin pages that list rows beside one form (discount codes, price lists): the form edits the
 * row picked with its Edit button, or makes a new one. `formKey` changes after each creation so the
 * next "new" form starts empty, and an edited row's form remounts when the row itself changes.
 */
export function useRowEditor<T>(
  rows: readonly T[] | undefined,
  keyOf: (row: T) => string,
  versionOf: (row: T) => string,
) {
  const [editing, setEditing] = useState<string | null>(null);
  const [created, setCreated] = useState(0);
  const current = editing === null ? undefined : rows?.find((r) => keyOf(r) === editing);
  return {
    editing,
    current,
    edit: (key: string) => setEditing(key),
    /** After saving an edit, or cancelling it: back to a new form. */
    close: () => setEditing(null),
    /** After creating a row: a fresh, empty new form. */
    reset: () => setCreated((n) => n + 1),
    formKey: current ? `edit-${keyOf(current)}-${versionOf(current)}` : `new-${created}`,
  };
}

/** The table on the left, the form's card on the right (stacked on narrow screens). */
export function RowEditorLayout({
  list,
  formTitle,
  form,
  formWidth = "24rem",
}: {
  list: ReactNode;
  formTitle: string;
  form: ReactNode;
  formWidth?: "22rem" | "24rem";
}) {
  // Whole class names, so Tailwind's scanner sees both.
  const grid = formWidth === "22rem" ? "xl:grid-cols-[minmax(0,1fr)_22rem]" : "xl:grid-cols-[minmax(0,1fr)_24rem]";
  return (
    <div className={`grid grid-cols-[minmax(0,1fr)] gap-6 ${grid}`}>
      <div className="space-y-3">{list}</div>
      <Card title={formTitle}>{form}</Card>
    </div>
  );
}

/** Save (or create) and, while editing, Cancel: the last row of every such form. */
export function RowFormButtons({
  editing,
  pending,
  saveLabel,
  createLabel,
  onCancel,
}: {
  editing: boolean;
  pending: boolean;
  saveLabel: string;
  createLabel: string;
  onCancel: () => void;
}) {
  return (
    <div className="flex gap-2">
      <Button type="submit" disabled={pending}>
        {editing ? saveLabel : createLabel}
      </Button>
      {editing ? (
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      ) : null}
    </div>
  );
}
