"use client";
import { type AccessView, can, type Permission } from "@mercato/access";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { auth } from "@/lib/auth-client.ts";
import { SHOP_NAME } from "@/lib/config.ts";
import { useSession } from "@/lib/session.tsx";
import { AdminClientProvider } from "./admin-client.tsx";
import { AlertBell } from "./alerts/alert-bell.tsx";
import { AccessProvider } from "./staff-access.tsx";

/** Each section with the permission it needs (none: every staff member); the nav shows only what the role may do. */
const NAV: readonly { href: string; label: string; permission?: Permission }[] = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/orders", label: "Orders", permission: "orders.read" },
  { href: "/admin/returns", label: "Returns", permission: "orders.read" },
  { href: "/admin/products", label: "Products", permission: "catalog.write" },
  { href: "/admin/categories", label: "Categories", permission: "catalog.write" },
  { href: "/admin/search", label: "Search", permission: "catalog.write" },
  { href: "/admin/import", label: "Import / export", permission: "catalog.write" },
  { href: "/admin/inventory", label: "Inventory", permission: "inventory.adjust" },
  { href: "/admin/customers", label: "Customers", permission: "customers.read" },
  { href: "/admin/analytics", label: "Analytics", permission: "analytics.read" },
  { href: "/admin/regions", label: "Regions", permission: "regions.write" },
  { href: "/admin/discounts", label: "Discounts", permission: "discounts.write" },
  { href: "/admin/reviews", label: "Reviews", permission: "reviews.moderate" },
  { href: "/admin/gift-cards", label: "Gift cards", permission: "giftcards.manage" },
  { href: "/admin/price-lists", label: "Price lists", permission: "discounts.write" },
  { href: "/admin/pages", label: "Legal pages", permission: "content.write" },
  { href: "/admin/mailbox", label: "Mailbox", permission: "mailbox.read" },
  { href: "/admin/alerts", label: "Alerts", permission: "alerts.read" },
  { href: "/admin/support", label: "Support", permission: "support.chat" },
  { href: "/admin/webhooks", label: "Webhooks", permission: "webhooks.manage" },
  { href: "/admin/staff", label: "Staff", permission: "staff.manage" },
  { href: "/admin/audit", label: "Audit log", permission: "audit.read" },
  { href: "/admin/system", label: "System health", permission: "settings.write" },
  { href: "/admin/api", label: "API explorer" },
];

/** The section a path belongs to (the longest matching href). */
function sectionOf(pathname: string) {
  return NAV.filter((item) => isActive(pathname, item.href)).sort((a, b) => b.href.length - a.href.length)[0];
}

function isActive(pathname: string, href: string): boolean {
  return href === "/admin" ? pathname === "/admin" : pathname === href || pathname.startsWith(`${href}/`);
}

/** The admin frame: sidebar navigation, a top bar with the signed-in admin, and the page. */
export function AdminShell({
  user,
  access,
  children,
}: {
  user: { name: string; email: string };
  access: AccessView;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const nav = NAV.filter((item) => !item.permission || can(access, item.permission));
  const section = sectionOf(pathname);
  const refused = section?.permission && !can(access, section.permission) ? section.permission : null;
  const router = useRouter();
  const { refresh } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  async function signOut() {
    setSigningOut(true);
    try {
      await auth.signOut();
    } finally {
      await refresh();
      router.replace("/account/sign-in?next=/admin");
      router.refresh();
    }
  }

  return (
    <div className="min-h-screen bg-neutral-50 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
      <a
        href="#admin-main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className={`${menuOpen ? "block" : "hidden"} border-r border-neutral-200 bg-white lg:block`}>
        <div className="lg:sticky lg:top-0">
          <div className="flex h-14 items-center gap-2 border-b border-neutral-200 px-5">
            <Link href="/admin" className="text-lg font-semibold tracking-tight text-brand-700">
              {SHOP_NAME}
            </Link>
            <span className="rounded bg-neutral-100 px-1.5 py-0.5 text-[11px] font-medium uppercase tracking-wide text-neutral-600">
              Admin
            </span>
          </div>
          <nav aria-label="Admin" className="p-3">
            <ul className="space-y-0.5">
              {nav.map((item) => {
                const active = isActive(pathname, item.href);
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={active ? "page" : undefined}
                      onClick={() => setMenuOpen(false)}
                      className={`block rounded-lg px-3 py-2 text-sm font-medium ${
                        active ? "bg-brand-50 text-brand-700" : "text-neutral-700 hover:bg-neutral-100"
                      }`}
                    >
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className="border-t border-neutral-200 p-3">
            <Link href="/" className="block rounded-lg px-3 py-2 text-sm text-neutral-600 hover:bg-neutral-100">
              View the shop ↗
            </Link>
          </div>
        </div>
      </aside>
      <div className="min-w-0">
        <header className="sticky top-0 z-20 flex h-14 items-center justify-between gap-4 border-b border-neutral-200 bg-white/90 px-4 backdrop-blur sm:px-6">
          <button
            type="button"
            className="rounded-lg border border-neutral-300 px-3 py-1.5 text-sm lg:hidden"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </button>
          <div className="hidden text-sm text-neutral-500 lg:block">Store administration</div>
          <div className="flex items-center gap-3">
            {can(access, "alerts.read") ? (
              <AdminClientProvider>
                <AlertBell />
              </AdminClientProvider>
            ) : null}
            <div className="text-right leading-tight">
              <div className="text-sm font-medium" data-testid="admin-user">
                {user.name}
              </div>
              <div className="text-xs text-neutral-500">
                {user.email} · <span data-testid="admin-role">{access.role}</span>
              </div>
            </div>
            <Button variant="secondary" onClick={signOut} disabled={signingOut}>
              Sign out
            </Button>
          </div>
        </header>
        <main id="admin-main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8">
          <AccessProvider access={access}>
            {refused ? (
              <div role="alert" className="rounded-2xl border border-neutral-200 bg-white p-8 text-center">
                <p className="text-sm font-semibold text-red-600">403 · Forbidden</p>
                <h1 className="mt-2 text-xl font-semibold">Not for your role</h1>
                <p className="mt-2 text-sm text-neutral-600">
                  This section needs the permission <code>{refused}</code>, which the role {access.role} does not have.
                </p>
              </div>
            ) : (
              <AdminClientProvider>{children}</AdminClientProvider>
            )}
          </AccessProvider>
        </main>
      </div>
    </div>
  );
}
