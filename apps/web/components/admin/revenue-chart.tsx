import { type Currency, formatMoney } from "@mercato/pricing";

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 8 };

/**
 * One currency's revenue per UTC day as an inline SVG bar chart; each bar has a tooltip and the
 * table is for screen readers. The dashboard draws one per currency: amounts in different
 * currencies share no axis.
 */
export function RevenueChart({ series, currency }: { series: { day: string; revenue: number }[]; currency: string }) {
  const max = Math.max(1, ...series.map((d) => d.revenue));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, series.length);
  const barW = Math.max(2, slot * 0.7);
  const total = series.reduce((sum, d) => sum + d.revenue, 0);
  const money = (n: number) => formatMoney(n, currency as Currency);
  return (
    <figure data-testid={`revenue-${currency}`}>
      <figcaption className="mb-3 flex items-baseline justify-between text-sm">
        <span>
          <span className="mr-2 font-mono font-semibold text-neutral-800">{currency}</span>
          <span className="text-neutral-500">last {series.length} days (UTC)</span>
        </span>
        <span className="font-medium">{money(total)}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full"
        role="img"
        aria-label={`Revenue in ${currency} per day, ${money(total)} in total`}
      >
        {[0.25, 0.5, 0.75, 1].map((f) => (
          <line
            key={f}
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={PAD.top + innerH * (1 - f)}
            y2={PAD.top + innerH * (1 - f)}
            className="stroke-neutral-100"
          />
        ))}
        {series.map((d, i) => {
          const h = (d.revenue / max) * innerH;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          return (
            <g key={d.day}>
              <rect
                x={x}
                y={PAD.top + innerH - h}
                width={barW}
                height={Math.max(h, d.revenue > 0 ? 2 : 0)}
                rx={2}
                className={i === series.length - 1 ? "fill-brand-600" : "fill-brand-500/70"}
              >
                <title>{`${d.day}: ${money(d.revenue)}`}</title>
              </rect>
              {i % 7 === series.length % 7 || i === series.length - 1 ? (
                <text x={x + barW / 2} y={HEIGHT - 8} textAnchor="middle" className="fill-neutral-500 text-[11px]">
                  {d.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={PAD.top + innerH}
          y2={PAD.top + innerH}
          className="stroke-neutral-300"
        />
      </svg>
      <table className="sr-only">
        <caption>Revenue in {currency} per day</caption>
        <tbody>
          {series.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              <td>{money(d.revenue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
