import type { Transport } from "./transport.ts";

/** Development transport: the message row already is the mailbox, so "sending" just succeeds. */
export const mailboxTransport: Transport = {
  name: "mailbox",
  send: async (email) => ({ ok: true, providerId: `mailbox:${email.id}` }),
};
