// The customer's own account (#20) in Chromium, on the whole platform (dev launcher, production
// web build), on a desktop and a phone viewport: a shopper signs up with a phone number, signs in
// a second browser too, sees both sessions and signs the other one out (that browser is sent to
// sign in), changes the password, saves preferences, downloads their data and deletes the
// account (signing in again is refused). Every page is checked with axe-core.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { seriousViolations } from "./axe.ts";
import { browserSuite } from "./browser-suite.ts";
import { shot } from "./platform.ts";

const SUITE = "account";
const suite = browserSuite(SUITE);

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

async function newPage(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const page = await suite.newPage("desktop", {
    viewport,
    locale: "de-DE",
    acceptDownloads: true,
  });
  const context = page.context();
  return { context, page };
}

async function signIn(page: Page, email: string, password: string, next: string): Promise<void> {
  await page.goto(`/account/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function accessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

describe("a shopper's own account", () => {
  for (const [kind, viewport] of Object.entries(VIEWPORTS)) {
    test(`${kind}: sessions, password, preferences, export and deletion`, async () => {
      const email = `account-${kind}-${Date.now().toString(36)}@example.com`;
      const first = "Quiet-Otter-Lantern-58";
      const second = "Marble-Heron-Compass-94";
      const main = await newPage(viewport);
      const { page } = main;
      const tag = (name: string) => `${kind}-${name}`;

      // Sign-up with a phone number (stored in E.164).
      await page.goto("/account/sign-up?next=/account");
      await page.getByLabel("Name").fill("Robin Account");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Phone (optional)").fill("+44 20 7946 0958");
      await page.getByLabel("Password").fill(first);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL((url) => url.pathname === "/account");
      const phone = page.locator("#main").getByLabel("Phone (optional)");
      await page.waitForFunction(
        () => (document.querySelector("#main input[name=phone]") as HTMLInputElement | null)?.value,
      );
      expect(await phone.inputValue()).toBe("+442079460958");

      // A second browser signs in too.
      const other = await newPage(viewport);
      await signIn(other.page, email, first, "/account");
      await other.page.waitForURL((url) => url.pathname === "/account");

      // Both sessions are listed, this one marked; the other is signed out from here.
      await page.goto("/account/security");
      const sessions = page.locator("#main").getByRole("list", { name: "Your sessions" });
      await sessions.getByRole("listitem").nth(1).waitFor();
      expect(await sessions.getByRole("listitem").count()).toBe(2);
      await sessions.getByText("This device").waitFor();
      await shot(page, SUITE, tag("01-sessions"));
      await accessible(page);
      await sessions.getByRole("button", { name: /^Sign out/ }).click();
      await page.locator("#main").getByText("No other sessions.").waitFor();
      expect(await sessions.getByRole("listitem").count()).toBe(1);

      // The other browser is signed out: its next account page sends it to sign in.
      await other.page.goto("/account/security");
      await other.page.waitForURL(/\/account\/sign-in/);
      await other.context.close();

      // Password change: a guessable one is refused, a strong one accepted.
      const form = page.locator("#main form").filter({ has: page.getByLabel("Current password") });
      await form.getByLabel("Current password").fill(first);
      await form.getByLabel("New password").fill("password1234");
      await form.getByRole("button", { name: "Change password" }).click();
      await form.getByText(/too easy to guess/).waitFor();
      await form.getByLabel("Current password").fill(first);
      await form.getByLabel("New password").fill(second);
      await form.getByRole("button", { name: "Change password" }).click();
      await form.getByText("Password changed.").waitFor();
      await shot(page, SUITE, tag("02-password-changed"));
      // Still signed in here, with a fresh token: the sessions list loads again.
      await page.reload();
      await sessions.getByText("This device").waitFor();

      // Preferences: marketing consent (off until given), with its date.
      await page.goto("/account/settings");
      const consent = page.locator("#main").getByRole("checkbox", { name: /Send me offers/ });
      expect(await consent.isChecked()).toBe(false);
      await consent.check();
      await page.locator("#main").getByRole("checkbox", { name: "Shipping updates by SMS" }).check();
      await page.locator("#main").getByRole("button", { name: "Save preferences" }).click();
      await page
        .locator("#main")
        .getByText(/Consent given/)
        .waitFor();
      await shot(page, SUITE, tag("03-preferences"));
      await accessible(page);
      await page.reload();
      expect(
        await page
          .locator("#main")
          .getByRole("checkbox", { name: /Send me offers/ })
          .isChecked(),
      ).toBe(true);

      // The data export downloads one JSON file.
      await page.goto("/account/privacy");
      const downloading = page.waitForEvent("download");
      await page.locator("#main").getByRole("button", { name: "Download my data" }).click();
      const download = await downloading;
      const file = await download.path();
      const exported = JSON.parse(readFileSync(String(file), "utf8")) as {
        profile: { email: string; phone: string | null };
        preferences: { marketingConsent: boolean };
        orders: unknown[];
      };
      expect(exported.profile).toMatchObject({ email, phone: "+442079460958" });
      expect(exported.preferences.marketingConsent).toBe(true);
      expect(Array.isArray(exported.orders)).toBe(true);
      await accessible(page);

      // Deletion needs the password: a wrong one is refused beside the field.
      await page.locator("#main").getByRole("button", { name: "Delete my account" }).click();
      const confirm = page.locator("#main").getByLabel("Your password, to confirm");
      await confirm.fill("not-my-password-1");
      await page.locator("#main").getByRole("button", { name: "Delete my account for good" }).click();
      await page
        .locator("#main")
        .getByText(/password is not right/)
        .waitFor();
      await shot(page, SUITE, tag("04-delete-confirm"));
      await accessible(page);
      await confirm.fill(second);
      await page.locator("#main").getByRole("button", { name: "Delete my account for good" }).click();
      await page.waitForURL((url) => url.pathname === "/" && url.search === "?account=deleted");

      // The account is gone: signing in again is refused.
      await signIn(page, email, second, "/account");
      await page.locator("#main").getByRole("alert").first().waitFor();
      expect(page.url()).toContain("/account/sign-in");
      await shot(page, SUITE, tag("05-deleted-sign-in"));
      await main.context.close();
    }, 180_000);
  }
});
