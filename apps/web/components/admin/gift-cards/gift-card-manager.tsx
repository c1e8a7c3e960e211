"use client";
// Gift cards in the admin (#27, `giftcards.manage`): the cards, one card's ledger, and the three
// staff actions — issue (the code is shown once, here), disable, adjust — each with a reason.
import { useMercato } from "@mercato/client/react";
import { GIFT_CARD_AMOUNTS, type IssuedGiftCard } from "@mercato/payments/contract";
import { CURRENCIES, type Currency } from "@mercato/pricing";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Badge, Empty, ErrorNote } from "@/components/ui/states.tsx";
import { formatDateTime } from "@/lib/admin/format.ts";
import { fromMinorUnits, toMinorUnits } from "@/lib/admin/money.ts";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";
import { DataTable } from "../data-table.tsx";
import { Card, rowClass, theadClass } from "../page-header.tsx";
import { queryState } from "../query-state.tsx";

/** Minor units for a typed signed amount ("-5.00" → -500), or null. */
function signedMinorUnits(text: string): number | null {
  const trimmed = text.trim();
  const negative = trimmed.startsWith("-");
  const units = toMinorUnits(negative ? trimmed.slice(1) : trimmed);
  return units === null ? null : negative ? -units : units;
}

function IssueForm({ onIssued }: { onIssued: (issued: IssuedGiftCard) => void }) {
  const m = useMercato();
  const [currency, setCurrency] = useState<Currency>("EUR");
  const { errors, submit } = useSubmit();
  const refresh = useRefresh(m.payments.giftCards.admin.pathFilter());
  const issue = useMutation(m.payments.giftCards.admin.issue.mutationOptions());
  const range = GIFT_CARD_AMOUNTS[currency];

  function send(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const amount = toMinorUnits(text("amount"));
    void submit(
      async () => {
        const issued = await issue.mutateAsync({
          amount: amount ?? 0,
          currency,
          recipientEmail: text("recipientEmail"),
          recipientName: text("recipientName"),
          message: text("message"),
          reason: text("reason"),
        });
        await refresh();
        onIssued(issued);
      },
      amount === null ? { amount: "Type an amount, e.g. 25.00" } : {},
    );
  }

  return (
    <form onSubmit={send} noValidate className="space-y-4">
      <div className="grid grid-cols-2 gap-3">
        <Field
          label="Amount"
          name="amount"
          id="issue-amount"
          inputMode="decimal"
          hint={`${fromMinorUnits(range.min)}–${fromMinorUnits(range.max)}`}
          error={errors.fields.amount}
        />
        <Select
          label="Currency"
          name="currency"
          id="issue-currency"
          value={currency}
          onChange={(e) => setCurrency(e.target.value as Currency)}
        >
          {CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </Select>
      </div>
      <Field
        label="Recipient email"
        name="recipientEmail"
        id="issue-email"
        type="email"
        error={errors.fields.recipientEmail}
      />
      <Field label="Recipient name" name="recipientName" id="issue-name" error={errors.fields.recipientName} />
      <Field label="Message (optional)" name="message" id="issue-message" error={errors.fields.message} />
      <Field
        label="Reason"
        name="reason"
        id="issue-reason"
        hint="Kept in the card's ledger."
        error={errors.fields.reason}
      />
      {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
      <Button type="submit" disabled={issue.isPending}>
        Issue gift card
      </Button>
    </form>
  );
}

function CardDetail({ cardId }: { cardId: string }) {
  const m = useMercato();
  const detail = useQuery(m.payments.giftCards.admin.byId.queryOptions({ cardId }));
  const refresh = useRefresh(m.payments.giftCards.admin.pathFilter());
  const adjust = useMutation(m.payments.giftCards.admin.adjust.mutationOptions());
  const disable = useMutation(m.payments.giftCards.admin.disable.mutationOptions());
  const { errors, submit } = useSubmit();

  function act(e: FormEvent<HTMLFormElement>, action: "adjust" | "disable") {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const reason = String(form.get("reason") ?? "");
    const amount = signedMinorUnits(String(form.get("amount") ?? ""));
    void submit(
      async () => {
        if (action === "disable") await disable.mutateAsync({ cardId, reason });
        else await adjust.mutateAsync({ cardId, amount: amount ?? 0, reason });
        await refresh();
      },
      action === "adjust" && amount === null ? { amount: "Type an amount, e.g. 5.00 or -5.00" } : {},
    );
  }

  const state = queryState(detail, {});
  if (state || !detail.data) return state;
  const { card, ledger } = detail.data;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        Ending in <span className="font-mono font-semibold">{card.last4}</span> · for {card.recipientName} (
        {card.recipientEmail}) · balance{" "}
        <Money amount={card.balance} currency={card.currency} className="font-semibold" />
      </p>
      {/* Its own scroll box, focusable and named: on a phone the ledger scrolls sideways, and a
          keyboard user must be able to scroll it too. */}
      <section
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is reachable by keyboard (WCAG 2.1.1)
        tabIndex={0}
        aria-label={`Ledger of the card ending in ${card.last4}, scrollable`}
        className="relative overflow-x-auto rounded-xl border border-neutral-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      >
        <table
          aria-label={`Ledger of the card ending in ${card.last4}`}
          className="w-full text-left text-sm [&_td]:px-4 [&_td]:py-2.5 [&_th]:whitespace-nowrap [&_th]:px-4 [&_th]:py-2.5"
        >
          <thead className={theadClass}>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Kind</th>
              <th scope="col" className="text-right">
                Amount
              </th>
              <th scope="col" className="text-right">
                Balance after
              </th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {ledger.map((e) => (
              <tr key={e.id} className={rowClass}>
                <td className="whitespace-nowrap text-xs">{formatDateTime(e.createdAt)}</td>
                <td>{e.kind}</td>
                <td className="text-right tabular-nums">
                  <Money amount={e.amount} currency={card.currency} />
                </td>
                <td className="text-right tabular-nums">
                  <Money amount={e.balanceAfter} currency={card.currency} />
                </td>
                <td className="text-xs">{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <form
        onSubmit={(e) => act(e, "adjust")}
        noValidate
        className="grid gap-3 sm:grid-cols-[8rem_1fr_auto] sm:items-end"
      >
        <Field label="Adjust by" name="amount" id="adjust-amount" inputMode="decimal" error={errors.fields.amount} />
        <Field label="Reason for the adjustment" name="reason" id="adjust-reason" error={errors.fields.reason} />
        <Button type="submit" disabled={adjust.isPending}>
          Adjust
        </Button>
      </form>
      {card.status === "active" ? (
        <form
          onSubmit={(e) => act(e, "disable")}
          noValidate
          className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end"
        >
          <Field label="Reason for disabling" name="reason" id="disable-reason" />
          <Button type="submit" variant="ghost" className="text-red-700" disabled={disable.isPending}>
            Disable card
          </Button>
        </form>
      ) : null}
      {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
    </div>
  );
}

export function GiftCardManager() {
  const m = useMercato();
  const cards = useQuery(m.payments.giftCards.admin.list.queryOptions({}));
  const [selected, setSelected] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedGiftCard | null>(null);
  const [formKey, setFormKey] = useState(0);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="space-y-6">
        {queryState(cards, {
          empty: cards.data?.items.length === 0 ? <Empty title="No gift cards yet" /> : undefined,
        }) ?? (
          <DataTable
            label="Gift cards"
            rows={cards.data?.items ?? []}
            rowKey={(c) => c.id}
            rowClassName={(c) => (c.id === selected ? "bg-brand-50" : "")}
            columns={[
              { header: "Code", className: "font-mono text-xs font-semibold", cell: (c) => `…${c.last4}` },
              { header: "Recipient", className: "text-xs", cell: (c) => c.recipientEmail },
              { header: "Balance", numeric: true, cell: (c) => <Money amount={c.balance} currency={c.currency} /> },
              {
                header: "Status",
                cell: (c) => (c.status === "active" ? <Badge tone="green">Active</Badge> : <Badge>Disabled</Badge>),
              },
              {
                header: "Actions",
                hiddenHeader: true,
                className: "text-right",
                cell: (c) => (
                  <Button variant="ghost" onClick={() => setSelected(c.id)} aria-label={`Ledger of …${c.last4}`}>
                    Ledger
                  </Button>
                ),
              },
            ]}
          />
        )}
        {selected ? (
          <Card title="Ledger">
            <CardDetail key={selected} cardId={selected} />
          </Card>
        ) : null}
      </div>
      <Card title="Issue a gift card">
        {issued ? (
          <div className="mb-4 rounded-lg bg-emerald-50 p-3 text-sm" role="status">
            <p>Issued. The code is shown only now; the recipient gets it by email:</p>
            <p className="mt-1 font-mono font-semibold" data-testid="issued-code">
              {issued.code}
            </p>
          </div>
        ) : null}
        <IssueForm
          key={formKey}
          onIssued={(card) => {
            setIssued(card);
            setSelected(card.card.id);
            setFormKey((k) => k + 1);
          }}
        />
      </Card>
    </div>
  );
}
