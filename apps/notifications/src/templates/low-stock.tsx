import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

type Props = { sku: string; available: number; threshold: number };

function summary(p: Props): string {
  return `Only ${p.available} left of ${p.sku} (alert threshold ${p.threshold}). Restock it before it sells out.`;
}

export const lowStockEmail = defineTemplate<Props>({
  name: "low-stock",
  subject: (p, c) => `[${c.shopName}] Low stock: ${p.sku} (${p.available} left)`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Low stock: ${data.sku}`}>
      <Paragraph>{summary(data)}</Paragraph>
      <Button href={storefrontLinks(config.storefrontUrl).adminStock(data.sku)}>Open inventory</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Low stock: ${data.sku}`, [
      summary(data),
      "",
      `Open inventory: ${storefrontLinks(c.storefrontUrl).adminStock(data.sku)}`,
    ]),
});
