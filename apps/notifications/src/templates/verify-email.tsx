import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

export const verifyEmail = defineTemplate<{ name: string; verifyUrl: string }>({
  name: "verify-email",
  subject: (_, c) => `Confirm your email for ${c.shopName}`,
  Body: ({ data, config }) => (
    <Layout config={config} title="Confirm your email">
      <Paragraph>Hi {data.name}, please confirm this is your email address so you can sign in.</Paragraph>
      <Button href={data.verifyUrl}>Confirm my email</Button>
      <Paragraph>If you did not create an account, ignore this email.</Paragraph>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, "Confirm your email", [
      `Hi ${data.name}, please confirm this is your email address so you can sign in.`,
      "",
      `Confirm my email: ${data.verifyUrl}`,
      "",
      "If you did not create an account, ignore this email.",
    ]),
});
