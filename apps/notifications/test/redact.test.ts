import { describe, expect, test } from "bun:test";
import { REDACTED_LINK, redactLink, restoreLink } from "../src/domain/redact.ts";
import { passwordResetEmail } from "../src/templates/password-reset.tsx";
import { renderEmail } from "../src/templates/render.tsx";

const config = { shopName: "Acme", storefrontUrl: "https://shop.example" };

describe("one-time links", () => {
  test("are taken out of both bodies, raw and HTML-escaped, and put back exactly", () => {
    const resetUrl = "https://shop.example/reset?token=abc&x=1";
    const email = renderEmail(
      passwordResetEmail,
      { name: "Ada", resetUrl, expiresAt: "2026-11-24T15:30:00.000Z" },
      config,
    );
    const stored = redactLink(email, resetUrl);
    for (const body of [stored.html, stored.text]) {
      expect(body).not.toContain("token=abc");
      expect(body).toContain(REDACTED_LINK);
    }
    expect(restoreLink(stored, resetUrl)).toEqual({ html: email.html, text: email.text });
  });
});
