import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

export const welcomeEmail = defineTemplate<{ name: string }>({
  name: "welcome",
  subject: (_, c) => `Welcome to ${c.shopName}`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Welcome, ${data.name}!`}>
      <Paragraph>Your {config.shopName} account is ready. Your orders and addresses are now in one place.</Paragraph>
      <Button href={storefrontLinks(config.storefrontUrl).home}>Start shopping</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Welcome, ${data.name}!`, [
      `Your ${c.shopName} account is ready. Your orders and addresses are now in one place.`,
      "",
      `Start shopping: ${storefrontLinks(c.storefrontUrl).home}`,
    ]),
});
