// Staff invitations (#20) end to end, on the whole platform (dev launcher, production web build,
// headless Chromium): the superadmin invites a new email as "fulfilment" from /admin/staff and sees
// it pending; the link is claimed as notifications claims it (identity.internal.staffInvitationLink
// with notifications' service credential: the mailbox redacts one-time links); the invitee sets a
// name and a password on /account/accept-invitation, signs in, ships an order the test placed and
// paid through the saga from the admin order page, and finds no product editor (no Products link,
// a 403 panel on /admin/products). Desktop and mobile, screenshots, axe on the invitation pages.
import { describe, expect, test } from "bun:test";
import { testServiceSigner } from "@mercato/testing";
import type { Page } from "playwright-core";
import {
  ADMIN,
  browserSuite,
  type Credentials,
  expectAxeClean,
  paidOrder,
  SHOPPER,
  skuInStock,
  submitSignIn,
  VIEWPORTS,
  type ViewportName,
} from "./browser-suite.ts";
import { shot } from "./platform.ts";

const SUITE = "invitation";
const PASSWORD = "tangerine-ladder-copper-41";

const suite = browserSuite(SUITE);
const { newPage, withFailureShot, client: clientFor } = suite;

async function signInThroughForm(page: Page, who: Credentials) {
  await submitSignIn(page, who);
  await page.waitForURL((url) => url.pathname === "/admin", { timeout: 30_000 });
}

/** The accept link, claimed from identity with notifications' service credential (as notifications does). */
async function claimInvitationLink(linkId: string): Promise<URL> {
  const identityUrl = suite.platform.urls.IDENTITY_URL;
  if (!identityUrl) throw new Error("the platform has no IDENTITY_URL");
  const res = await fetch(`${identityUrl}/trpc/identity.internal.staffInvitationLink`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-service-token": await testServiceSigner("notifications")("identity"),
    },
    body: JSON.stringify({ json: { linkId } }),
  });
  const body = (await res.json()) as { result?: { data?: { json?: { url?: string } } } };
  const url = body.result?.data?.json?.url;
  if (!res.ok || !url) throw new Error(`claiming the invitation link failed: ${res.status} ${JSON.stringify(body)}`);
  return new URL(url);
}

/** A demo order placed by the demo shopper and paid through the saga; waits for the payment. */
async function paidDemoOrder(): Promise<{ orderId: string; number: string }> {
  const shopper = await clientFor(SHOPPER);
  return paidOrder(shopper, { sku: await skuInStock(shopper), email: SHOPPER.email });
}

describe("staff invitations in the browser", () => {
  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    test(`${viewport}: invite as fulfilment → accept → sign in → ship an order; no product editor`, async () => {
      const stamp = `${Date.now().toString(36)}${viewport}`;
      const email = `invitee-${stamp}@example.com`;
      const { orderId, number } = await paidDemoOrder();

      // The superadmin invites the email as fulfilment; it shows as pending.
      const desk = await newPage(viewport);
      await withFailureShot(desk, `invite-${viewport}`, async () => {
        await desk.goto("/account/sign-in?next=/admin");
        await signInThroughForm(desk, ADMIN);
        await desk.goto("/admin/staff");
        const main = desk.locator("#admin-main");
        const form = main.getByRole("form", { name: "Invite staff" });
        await form.getByLabel("Email").fill(email);
        await form.getByLabel("Role").selectOption("fulfilment");
        await expectAxeClean(desk, "/admin/staff");
        await form.getByRole("button", { name: "Invite" }).click();
        await main
          .getByRole("status")
          .filter({ hasText: `Invitation sent to ${email}.` })
          .waitFor();
        const pending = main.getByRole("table", { name: "Pending invitations" });
        const row = pending.getByRole("row").filter({ hasText: email });
        await row.waitFor();
        expect(await row.getByRole("cell").nth(1).textContent()).toContain("Fulfilment");
        await shot(desk, SUITE, `${viewport}-01-staff-invited`);
        await expectAxeClean(desk, "/admin/staff, invitation pending");
      });

      // The link, as notifications claims it to mail it.
      const superadmin = await clientFor(ADMIN);
      const invitation = (await superadmin.identity.admin.staff.invitations.query()).find((i) => i.email === email);
      if (!invitation) throw new Error("the invitation is not pending");
      expect(invitation.role).toBe("fulfilment");
      const link = await claimInvitationLink(invitation.id);
      expect(link.pathname).toBe("/account/accept-invitation");

      // The invitee accepts, signs in and ships the order from its admin page.
      const page = await newPage(viewport);
      await withFailureShot(page, `accept-${viewport}`, async () => {
        // A link with an unknown token is refused with the reason, and a new link asked for.
        await page.goto(`/account/accept-invitation?token=${"x".repeat(43)}`);
        const bad = page.locator("#main");
        await bad.locator("#name").fill("Nobody");
        await bad.locator("#password").fill(PASSWORD);
        await bad.locator("#confirm").fill(PASSWORD);
        await bad.getByRole("button", { name: "Accept the invitation" }).click();
        await bad
          .getByRole("alert")
          .filter({ hasText: /not valid/ })
          .waitFor();
        await shot(page, SUITE, `${viewport}-02-unknown-token`);
        await expectAxeClean(page, "/account/accept-invitation, unknown token");

        await page.goto(`${link.pathname}${link.search}`);
        const main = page.locator("#main");
        await main.getByRole("heading", { name: "Join the team" }).waitFor();
        await main.locator("#name").fill(`Ivy Invitee ${viewport}`);
        await main.locator("#password").fill(PASSWORD);
        // Two passwords that differ are caught before anything is sent.
        await main.locator("#confirm").fill(`${PASSWORD}x`);
        await main.getByRole("button", { name: "Accept the invitation" }).click();
        await main.getByRole("alert").filter({ hasText: "The two passwords differ." }).waitFor();
        // A weak password is refused by identity and said beside the input; the invitation stays usable.
        await main.locator("#password").fill("password1");
        await main.locator("#confirm").fill("password1");
        await main.getByRole("button", { name: "Accept the invitation" }).click();
        await main.locator("#password-error").waitFor();
        expect(await main.locator("#password-error").textContent()).toMatch(/^this password is too easy to guess/);
        expect(await main.locator("#password").getAttribute("aria-invalid")).toBe("true");
        await shot(page, SUITE, `${viewport}-02-weak-password`);
        await expectAxeClean(page, "/account/accept-invitation, weak password");
        await main.locator("#password").fill(PASSWORD);
        await main.locator("#confirm").fill(PASSWORD);
        await shot(page, SUITE, `${viewport}-02-accept-form`);
        await expectAxeClean(page, "/account/accept-invitation");
        await main.getByRole("button", { name: "Accept the invitation" }).click();
        await main
          .getByRole("status")
          .filter({ hasText: `your account ${email} is ready` })
          .waitFor();
        await shot(page, SUITE, `${viewport}-03-accepted`);
        await expectAxeClean(page, "/account/accept-invitation, accepted");
        await main.getByRole("link", { name: "Sign in" }).click();
        await page.waitForURL((url) => url.pathname === "/account/sign-in");
        await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
        await signInThroughForm(page, { email, password: PASSWORD });
        await page.getByTestId("admin-role").getByText("fulfilment").waitFor({ timeout: 15_000 });
        if (viewport === "mobile") await page.getByRole("button", { name: "Menu" }).click();
        const nav = page.getByRole("navigation", { name: "Admin" });
        await nav.getByRole("link", { name: "Orders" }).waitFor();
        expect(await nav.getByRole("link", { name: "Products", exact: true }).count()).toBe(0);
        await shot(page, SUITE, `${viewport}-04-signed-in`);

        await page.goto(`/admin/orders/${orderId}`);
        const admin = page.locator("#admin-main");
        await admin.getByText(number).first().waitFor();
        await page.getByTestId("payment-status").getByText("Paid").waitFor();
        await page.getByRole("button", { name: "Ship", exact: true }).click();
        await page.locator("#carrier").fill("DHL");
        await page.locator("#trackingNumber").fill(`INV${stamp}`);
        await page.getByRole("button", { name: "Confirm shipment" }).click();
        await page.getByTestId("fulfilment-status").getByText("Shipped").waitFor();
        await page.getByTestId("shipment").getByText(`INV${stamp}`).waitFor();
        await shot(page, SUITE, `${viewport}-05-shipped`);

        await page.goto("/admin/products");
        await admin.getByText("403 · Forbidden").waitFor({ timeout: 15_000 });
        await admin.getByText("catalog.write").first().waitFor();
        await shot(page, SUITE, `${viewport}-06-products-403`);
      });
      const shipped = await superadmin.orders.admin.byId.query({ orderId });
      expect(shipped.order.fulfilmentStatus).toBe("FULFILLED");
      expect(shipped.order.shipments[0]?.trackingNumber).toBe(`INV${stamp}`);
      // Accepted: no longer pending.
      expect((await superadmin.identity.admin.staff.invitations.query()).map((i) => i.email)).not.toContain(email);
    }, 240_000);
  }
});
