import type { EventOf, OrderPaidEvent } from "@mercato/events";
import { money } from "../domain/format.ts";
import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { orderSummaryRows } from "./order-totals.ts";
import { defineTemplate } from "./template.ts";

type Paid = EventOf<typeof OrderPaidEvent>["data"];
/** The shipping method is optional: orders.paid events from before regions carry none. */
export type OrderConfirmationProps = Pick<
  Paid,
  "orderId" | "number" | "lines" | "totals" | "discountCode" | "shippingAddress"
> &
  Partial<Pick<Paid, "shippingMethod">> & {
    /** A guest's signed link to the order (#21); else the plain order page (signed-in shoppers). */
    orderUrl?: string | undefined;
  };

const cell = { padding: "8px 0", borderBottom: "1px solid #e4e4e7", fontSize: 14 };
const amountCell = { ...cell, textAlign: "right" as const };

function addressLines(a: OrderConfirmationProps["shippingAddress"]): string[] {
  return [a.name, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.country, a.phone].filter((l): l is string =>
    Boolean(l),
  );
}

export const orderConfirmationEmail = defineTemplate<OrderConfirmationProps>({
  name: "order-confirmation",
  subject: (p, c) => `${c.shopName} order ${p.number} is confirmed`,
  Body: ({ data, config }) => {
    const currency = data.totals.currency;
    return (
      <Layout config={config} title={`Thank you for your order ${data.number}`}>
        <Paragraph>We have your payment and are getting your order ready.</Paragraph>
        <table width="100%" cellPadding={0} cellSpacing={0} style={{ borderCollapse: "collapse" }}>
          <tbody>
            {data.lines.map((l) => (
              <tr key={l.sku}>
                <td style={cell}>
                  {l.title} <span style={{ color: "#71717a" }}>({l.sku})</span> × {l.quantity}
                </td>
                <td style={amountCell}>{money(l.unitPrice * l.quantity, currency)}</td>
              </tr>
            ))}
            {orderSummaryRows(data).map((row) => (
              <tr key={row.label}>
                <td style={row.strong ? { ...cell, fontWeight: 700 } : cell}>{row.label}</td>
                <td style={row.strong ? { ...amountCell, fontWeight: 700 } : amountCell}>{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2 style={{ fontSize: 16, margin: "24px 0 8px" }}>Shipping to</h2>
        <p style={{ fontSize: 14, lineHeight: "20px", margin: 0 }}>
          {addressLines(data.shippingAddress).map((line) => (
            <span key={line}>
              {line}
              <br />
            </span>
          ))}
        </p>
        <Button href={data.orderUrl ?? storefrontLinks(config.storefrontUrl).order(data.orderId)}>
          View your order
        </Button>
      </Layout>
    );
  },
  text: (data, c) => {
    const currency = data.totals.currency;
    return textLayout(c, `Thank you for your order ${data.number}`, [
      "We have your payment and are getting your order ready.",
      "",
      ...data.lines.map((l) => `${l.quantity} × ${l.title} (${l.sku})  ${money(l.unitPrice * l.quantity, currency)}`),
      "",
      ...orderSummaryRows(data).map((row) => `${row.label}: ${row.value}`),
      "",
      "Shipping to:",
      ...addressLines(data.shippingAddress),
      "",
      `View your order: ${data.orderUrl ?? storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]);
  },
});
