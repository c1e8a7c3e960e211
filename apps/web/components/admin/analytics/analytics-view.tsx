"use client";
import type { RankedRow, Report, SearchRow, StockRiskRow, Today } from "@mercato/analytics";
import { MAX_RANGE_DAYS, reportInput } from "@mercato/analytics/contract";
import { useMercato, useMercatoClient } from "@mercato/client/react";
import { CURRENCIES, type Currency, formatMoney } from "@mercato/pricing";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { Field, Select } from "@/components/ui/field.tsx";
import { ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { formErrors } from "@/lib/admin/errors.ts";
import { Card } from "../page-header.tsx";
import { SortableTable, type SortColumn } from "./sortable-table.tsx";

// The charting library loads with this page only, never with the rest of the admin or the shop.
const RevenueLines = dynamic(() => import("./charts.tsx").then((m) => m.RevenueLines), {
  ssr: false,
  loading: () => <Spinner label="Loading chart" />,
});
const OrderBars = dynamic(() => import("./charts.tsx").then((m) => m.OrderBars), { ssr: false });

const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function percent(x: number | null): string {
  return x === null ? "–" : `${(x * 100).toFixed(1)} %`;
}

function Delta({ value }: { value: number | null }) {
  if (value === null) return <span className="text-xs text-neutral-500">no previous figure</span>;
  const up = value >= 0;
  return (
    <span className={`text-xs font-medium ${up ? "text-green-700" : "text-red-700"}`}>
      {up ? "▲" : "▼"} {Math.abs(value * 100).toFixed(1)} % vs previous period
    </span>
  );
}

function Tile({
  label,
  testId,
  children,
  delta,
}: {
  label: string;
  testId?: string;
  children: ReactNode;
  delta?: ReactNode;
}) {
  return (
    <div className="rounded-xl border border-neutral-200 bg-white p-4 shadow-sm">
      <div className="text-xs font-medium uppercase tracking-wide text-neutral-500">{label}</div>
      <div className="mt-1 text-xl font-semibold tabular-nums" data-testid={testId}>
        {children}
      </div>
      {delta ? <div className="mt-1">{delta}</div> : null}
    </div>
  );
}

/** Today's tiles, live: analytics.admin.onToday (SSE) sends them again each time an order is paid or refunded. */
function TodayTiles({ currency, onChange }: { currency: Currency; onChange: () => void }) {
  const client = useMercatoClient();
  const [today, setToday] = useState<Today | null>(null);
  const [state, setState] = useState<"connecting" | "live" | "error">("connecting");
  useEffect(() => {
    setToday(null);
    const sub = client.analytics.admin.onToday.subscribe(
      { currency },
      {
        onStarted: () => setState("live"),
        onData: (view) => {
          setState("live");
          setToday(view);
          onChange();
        },
        onError: () => setState("error"),
      },
    );
    return () => sub.unsubscribe();
  }, [client, currency, onChange]);
  const tile = today?.currencies.find((c) => c.currency === currency);
  const money = (n: number) => formatMoney(n, currency);
  return (
    <section aria-labelledby="today-heading" className="space-y-2">
      <div className="flex items-center gap-2">
        <h2 id="today-heading" className="text-sm font-semibold text-neutral-800">
          Today ({today?.day ?? utcDay(Date.now())}, UTC) · {currency}
        </h2>
        <span className="text-xs text-neutral-500" aria-live="polite" data-testid="today-state">
          {state === "live" ? "● live" : state === "error" ? "live updates stopped" : "connecting…"}
        </span>
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Tile label="Paid orders" testId="today-orders">
          {today ? (tile?.orders ?? 0) : "…"}
        </Tile>
        <Tile label="Revenue" testId="today-revenue">
          {today ? money(tile?.revenue ?? 0) : "…"}
        </Tile>
        <Tile label="Units" testId="today-units">
          {today ? (tile?.units ?? 0) : "…"}
        </Tile>
        <Tile label="Average order" testId="today-aov">
          {today ? (tile?.aov === null || tile?.aov === undefined ? "–" : money(tile.aov)) : "…"}
        </Tile>
        <Tile label="Refunded" testId="today-refunded">
          {today ? money(tile?.refunded ?? 0) : "…"}
        </Tile>
      </div>
    </section>
  );
}

function rankedColumns(currency: Currency, keyHeader: string): SortColumn<RankedRow>[] {
  return [
    { header: keyHeader, value: (r) => r.label },
    { header: "Revenue", numeric: true, value: (r) => r.revenue, cell: (r) => formatMoney(r.revenue, currency) },
    { header: "Units", numeric: true, value: (r) => r.units },
  ];
}

const searchColumns: SortColumn<SearchRow>[] = [
  { header: "Search", value: (r) => r.query },
  { header: "Without results", numeric: true, value: (r) => r.zeroResults },
  { header: "Searches", numeric: true, value: (r) => r.searches },
];

const stockColumns: SortColumn<StockRiskRow>[] = [
  { header: "SKU", value: (r) => r.sku },
  { header: "Product", value: (r) => r.title },
  { header: "Available", numeric: true, value: (r) => r.available },
  { header: "Sold per day", numeric: true, value: (r) => Number(r.unitsPerDay.toFixed(2)) },
  { header: "Days of cover", numeric: true, value: (r) => Number(r.daysOfCover.toFixed(1)) },
];

function dayColumns(currency: Currency): SortColumn<Report["byDay"][number]>[] {
  return [
    { header: "Day", value: (r) => r.day, cell: (r) => <span className="whitespace-nowrap">{r.day}</span> },
    { header: "Orders", numeric: true, value: (r) => r.orders },
    { header: "Revenue", numeric: true, value: (r) => r.revenue, cell: (r) => formatMoney(r.revenue, currency) },
    { header: "Units", numeric: true, value: (r) => r.units },
    { header: "Refunded", numeric: true, value: (r) => r.refunded, cell: (r) => formatMoney(r.refunded, currency) },
  ];
}

function Totals({ report }: { report: Report }) {
  const cur = report.currency as Currency;
  const t = report.totals;
  const c = report.change;
  const money = (n: number | null) => (n === null ? "–" : formatMoney(n, cur));
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Tile label="Revenue" testId="total-revenue" delta={<Delta value={c.revenue} />}>
        {money(t.revenue)}
      </Tile>
      <Tile label="Paid orders" testId="total-orders" delta={<Delta value={c.orders} />}>
        {t.orders}
      </Tile>
      <Tile label="Average order value" delta={<Delta value={c.aov} />}>
        {money(t.aov)}
      </Tile>
      <Tile label="Units sold" delta={<Delta value={c.units} />}>
        {t.units}
      </Tile>
      <Tile label="Refunded" delta={<Delta value={c.refunded} />}>
        {money(t.refunded)} <span className="text-sm font-normal text-neutral-500">({t.refunds})</span>
      </Tile>
      <Tile label="Refund rate">{percent(t.refundRate)}</Tile>
      <Tile label="New customers" delta={<Delta value={c.newCustomers} />}>
        {t.newCustomers}
      </Tile>
      <Tile label="Returning customers" delta={<Delta value={c.returningCustomers} />}>
        {t.returningCustomers}
      </Tile>
    </div>
  );
}

function FunnelView({ report }: { report: Report }) {
  const f = report.funnel;
  const steps = [
    ["Carts started", f.carts],
    ["Checkouts started", f.checkouts],
    ["Paid", f.paid],
  ] as const;
  const max = Math.max(1, ...steps.map(([, n]) => n));
  return (
    <div className="space-y-3" data-testid="funnel">
      {steps.map(([label, n]) => (
        <div key={label}>
          <div className="flex justify-between text-sm">
            <span>{label}</span>
            <span className="tabular-nums font-medium">{n}</span>
          </div>
          <div className="mt-1 h-2 rounded bg-neutral-100">
            <div className="h-2 rounded bg-brand-600" style={{ width: `${(n / max) * 100}%` }} />
          </div>
        </div>
      ))}
      <p className="text-sm text-neutral-600">
        Carts abandoned before checkout: <strong>{percent(f.cartAbandonment)}</strong> · checkouts not paid:{" "}
        <strong>{percent(f.checkoutAbandonment)}</strong> · unpaid orders cancelled: {report.totals.cancelledUnpaid}
      </p>
    </div>
  );
}

export function AnalyticsView() {
  const m = useMercato();
  const queryClient = useQueryClient();
  const today = utcDay(Date.now());
  const [form, setForm] = useState({ from: utcDay(Date.now() - 29 * DAY_MS), to: today, currency: "EUR" as Currency });
  const parsed = reportInput.safeParse(form);
  const local = parsed.success ? null : parsed.error.issues[0];
  const report = useQuery({ ...m.analytics.admin.report.queryOptions(form), enabled: parsed.success });
  const errors = report.error ? formErrors(report.error) : null;
  const refresh = useMemo(
    () => () => void queryClient.invalidateQueries(m.analytics.admin.report.pathFilter()),
    [queryClient, m],
  );
  const r = report.data;
  const cur = form.currency;
  const currencies = [...new Set<string>([...CURRENCIES, ...(r?.currencies ?? [])])];
  const slug = `${form.from}_${form.to}_${cur}`;

  return (
    <div className="space-y-6">
      <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()} aria-label="Report range">
        <Field
          label="From"
          name="from"
          type="date"
          value={form.from}
          max={form.to}
          onChange={(e) => setForm({ ...form, from: e.target.value })}
          error={local?.path[0] === "from" ? local.message : errors?.fields.from}
        />
        <Field
          label="To"
          name="to"
          type="date"
          value={form.to}
          min={form.from}
          onChange={(e) => setForm({ ...form, to: e.target.value })}
          error={local?.path[0] === "to" ? local.message : errors?.fields.to}
          hint={`At most ${MAX_RANGE_DAYS} days`}
        />
        <Select
          label="Currency"
          name="currency"
          value={cur}
          onChange={(e) => setForm({ ...form, currency: e.target.value as Currency })}
        >
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </Select>
      </form>

      <TodayTiles currency={cur} onChange={refresh} />

      {errors?.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
      {!r ? (
        parsed.success && !report.isError ? (
          <Spinner />
        ) : null
      ) : (
        <>
          <p className="text-xs text-neutral-500">
            {r.range.from} – {r.range.to} against {r.previousRange.from} – {r.previousRange.to} (UTC days).
          </p>
          <Totals report={r} />
          <div className="grid gap-6 xl:grid-cols-3">
            <Card title={`Revenue per day · ${cur}`} className="xl:col-span-2">
              <RevenueLines current={r.byDay} previous={r.previousByDay} currency={cur} />
              <OrderBars current={r.byDay} />
            </Card>
            <Card title="Funnel">
              <FunnelView report={r} />
            </Card>
          </div>
          <Card>
            <div className="grid grid-cols-[minmax(0,1fr)] gap-8 xl:grid-cols-2">
              <SortableTable
                id="topProducts"
                label="Top products"
                columns={rankedColumns(cur, "Product")}
                rows={r.topProducts}
                rowKey={(x) => x.key}
                filename={`top-products_${slug}.csv`}
                empty="No sales in this range."
              />
              <SortableTable
                id="topCategories"
                label="Top categories"
                columns={rankedColumns(cur, "Category")}
                rows={r.topCategories}
                rowKey={(x) => x.key}
                filename={`top-categories_${slug}.csv`}
                empty="No sales in this range."
              />
              <SortableTable
                id="topBrands"
                label="Top brands"
                columns={rankedColumns(cur, "Brand")}
                rows={r.topBrands}
                rowKey={(x) => x.key}
                filename={`top-brands_${slug}.csv`}
                empty="No branded products sold in this range."
              />
              <SortableTable
                id="zeroResultSearches"
                label="Searches without results"
                columns={searchColumns}
                rows={r.zeroResultSearches}
                rowKey={(x) => x.query}
                filename={`zero-result-searches_${form.from}_${form.to}.csv`}
                empty="Every sampled search found something."
              />
              <SortableTable
                id="stockAtRisk"
                label={`Stock at risk (under ${r.stockRule.thresholdDays} days of cover at the last ${r.stockRule.windowDays} days' rate)`}
                columns={stockColumns}
                rows={r.stockAtRisk}
                rowKey={(x) => x.sku}
                filename={`stock-at-risk_${today}.csv`}
                empty="No selling SKU runs out soon."
              />
              <SortableTable
                className="xl:col-span-2"
                id="byDay"
                label="Per day"
                columns={dayColumns(cur)}
                rows={r.byDay}
                rowKey={(x) => x.day}
                filename={`per-day_${slug}.csv`}
                empty="No days in this range."
              />
            </div>
          </Card>
        </>
      )}
    </div>
  );
}
