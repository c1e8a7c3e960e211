import { money } from "../domain/format.ts";
import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

type Props = {
  kind: "back_in_stock" | "price_drop";
  title: string;
  productSlug: string;
  price: number | null;
  previousPrice: number | null;
  currency: string | null;
};

function headline(p: Props): string {
  return p.kind === "back_in_stock" ? `Back in stock: ${p.title}` : `Price drop: ${p.title}`;
}

function summary(p: Props): string {
  const now = p.price !== null && p.currency ? money(p.price, p.currency) : null;
  if (p.kind === "price_drop" && now && p.previousPrice !== null && p.currency) {
    return `${p.title}, on your wishlist, now costs ${now} (was ${money(p.previousPrice, p.currency)}).`;
  }
  return `${p.title}, on your wishlist, is back in stock${now ? ` at ${now}` : ""}. It may not last.`;
}

const FOOTNOTE =
  "You get this because you saved the item and agreed to offers by email; turn them off in your account settings.";

export const wishlistAlertEmail = defineTemplate<Props>({
  name: "wishlist-alert",
  subject: (p, c) => `[${c.shopName}] ${headline(p)}`,
  Body: ({ data, config }) => {
    const links = storefrontLinks(config.storefrontUrl);
    return (
      <Layout config={config} title={headline(data)}>
        <Paragraph>{summary(data)}</Paragraph>
        <Button href={links.product(data.productSlug)}>See the product</Button>
        <Paragraph>{FOOTNOTE}</Paragraph>
      </Layout>
    );
  },
  text: (data, c) => {
    const links = storefrontLinks(c.storefrontUrl);
    return textLayout(c, headline(data), [
      summary(data),
      "",
      `See the product: ${links.product(data.productSlug)}`,
      `Your wishlist: ${links.wishlist}`,
      "",
      FOOTNOTE,
    ]);
  },
});
