/** Units of an order's lines, as the fulfilment and return emails list them. */
export interface UnitLine {
  sku: string;
  quantity: number;
  /** The product's title as ordered; null when unknown (an exchange's new variant, an older order). */
  title: string | null;
  /** Anything to add after the line ("reason: Too small", "1 damaged"). */
  note?: string;
}

/** "2 × Tee (TEE-M)", or "2 × TEE-M" without a title, then the note. */
export function unitLine(l: UnitLine): string {
  const what = l.title ? `${l.title} (${l.sku})` : l.sku;
  return `${l.quantity} × ${what}${l.note ? ` — ${l.note}` : ""}`;
}

export function UnitList(props: { lines: readonly UnitLine[] }) {
  return (
    <ul style={{ fontSize: 14, lineHeight: "22px", margin: "0 0 16px", paddingLeft: 20 }}>
      {props.lines.map((l) => (
        <li key={`${l.sku}:${l.note ?? ""}`}>{unitLine(l)}</li>
      ))}
    </ul>
  );
}

/** Free text staff wrote (instructions, a note): one paragraph per line, as typed. */
export function paragraphsOf(text: string | null | undefined): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
