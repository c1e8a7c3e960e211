import { utcDateTime } from "../domain/format.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

export const passwordResetEmail = defineTemplate<{ name: string; resetUrl: string; expiresAt: string }>({
  name: "password-reset",
  subject: (_, c) => `Reset your ${c.shopName} password`,
  Body: ({ data, config }) => (
    <Layout config={config} title="Reset your password">
      <Paragraph>Hi {data.name}, someone (hopefully you) asked to reset your password.</Paragraph>
      <Button href={data.resetUrl}>Choose a new password</Button>
      <Paragraph>
        The link works until {utcDateTime(data.expiresAt)}. If you did not ask for this, ignore this email: your
        password stays as it is.
      </Paragraph>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, "Reset your password", [
      `Hi ${data.name}, someone (hopefully you) asked to reset your password.`,
      "",
      `Choose a new password: ${data.resetUrl}`,
      "",
      `The link works until ${utcDateTime(data.expiresAt)}. If you did not ask for this, ignore this email: your password stays as it is.`,
    ]),
});
