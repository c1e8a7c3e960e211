"use client";
import type { DayPoint } from "@mercato/analytics";
import { type Currency, formatMoney } from "@mercato/pricing";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/** Revenue per day against the same day of the previous period (recharts; loaded with the analytics page only). */
export function RevenueLines({
  current,
  previous,
  currency,
}: {
  current: DayPoint[];
  previous: DayPoint[];
  currency: string;
}) {
  const money = (n: number) => formatMoney(n, currency as Currency);
  const data = current.map((d, i) => ({
    day: d.day.slice(5),
    revenue: d.revenue,
    previous: previous[i]?.revenue ?? 0,
  }));
  return (
    <div className="h-64 w-full" role="img" aria-label={`Revenue in ${currency} per day, against the previous period`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#f0f0f0" />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis fontSize={11} tickFormatter={(v: number) => money(v)} width={80} />
          <Tooltip formatter={(v) => money(Number(v))} />
          <Legend />
          <Line
            type="monotone"
            dataKey="revenue"
            name="This period"
            stroke="#4f46e5"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="previous"
            name="Previous period"
            stroke="#a3a3a3"
            strokeDasharray="4 4"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Orders per day (bars). */
export function OrderBars({ current }: { current: DayPoint[] }) {
  const data = current.map((d) => ({ day: d.day.slice(5), orders: d.orders }));
  return (
    <div className="h-48 w-full" role="img" aria-label="Paid orders per day">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#f0f0f0" />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} width={40} />
          <Tooltip />
          <Bar dataKey="orders" name="Paid orders" fill="#6366f1" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
