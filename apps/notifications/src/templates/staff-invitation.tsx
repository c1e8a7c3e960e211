import { utcDateTime } from "../domain/format.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

/** A staff invitation (#20): the accept link, where the invitee sets a name and a password. */
export const staffInvitationEmail = defineTemplate<{ role: string; acceptUrl: string; expiresAt: string }>({
  name: "staff-invitation",
  subject: (_, c) => `You are invited to the ${c.shopName} team`,
  Body: ({ data, config }) => (
    <Layout config={config} title="Join the team">
      <Paragraph>
        You are invited to {config.shopName}'s admin panel with the role “{data.role}”. Choose your name and a password
        to accept.
      </Paragraph>
      <Button href={data.acceptUrl}>Accept the invitation</Button>
      <Paragraph>
        The link works once, until {utcDateTime(data.expiresAt)}. If you did not expect this, ignore this email.
      </Paragraph>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, "Join the team", [
      `You are invited to ${c.shopName}'s admin panel with the role "${data.role}". Choose your name and a password to accept.`,
      "",
      `Accept the invitation: ${data.acceptUrl}`,
      "",
      `The link works once, until ${utcDateTime(data.expiresAt)}. If you did not expect this, ignore this email.`,
    ]),
});
