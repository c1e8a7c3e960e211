"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { auth } from "@/lib/auth-client.ts";
import { useSession } from "@/lib/session.tsx";
import { signInHref } from "@/lib/shop/sign-in-link.ts";

/** Sign-in link for guests; a small menu (orders, profile, sign out) for shoppers. */
export function AccountMenu() {
  const { user, loading, refresh } = useSession();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  // Sign-in returns to this page: the path on the server, the query too once in the browser.
  const pathname = usePathname();
  const [here, setHere] = useState(pathname);
  useEffect(() => setHere(`${pathname}${window.location.search}`), [pathname]);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  if (loading) return <span className="h-9 w-20" aria-hidden />;
  if (!user) {
    return (
      <Link
        prefetch={false}
        href={signInHref(here)}
        onClick={(e) => {
          // The query may have changed since (filters): read the address as it is now.
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
          e.preventDefault();
          router.push(signInHref(`${window.location.pathname}${window.location.search}`));
        }}
        className="rounded-lg px-3 py-2 text-sm font-medium text-neutral-700 hover:bg-neutral-100"
      >
        Sign in
      </Link>
    );
  }
  const first = user.name?.split(" ")[0] || user.email;
  return (
    <div ref={box} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium text-neutral-700 hover:bg-neutral-100"
      >
        <span aria-hidden className="grid h-6 w-6 place-items-center rounded-full bg-brand-100 text-xs text-brand-700">
          {first.slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden max-w-32 truncate sm:inline">{first}</span>
        {/* On a phone the name is hidden: the button still needs it as its accessible name (axe button-name). */}
        <span className="sr-only sm:hidden">{first}</span>
      </button>
      {open ? (
        <div
          role="menu"
          className="absolute right-0 mt-2 w-48 overflow-hidden rounded-xl border border-neutral-200 bg-white py-1 text-sm shadow-lg"
        >
          {[
            ["/account", "Profile & addresses"],
            ["/account/orders", "Orders"],
            ...(user.role !== "customer" ? [["/admin", "Admin"]] : []),
          ].map(([href, label]) => (
            <Link
              prefetch={false}
              key={href}
              role="menuitem"
              href={href!}
              onClick={() => setOpen(false)}
              className="block px-4 py-2 hover:bg-neutral-50"
            >
              {label}
            </Link>
          ))}
          <button
            type="button"
            role="menuitem"
            className="block w-full px-4 py-2 text-left hover:bg-neutral-50"
            onClick={async () => {
              setOpen(false);
              await auth.signOut().catch(() => undefined);
              await refresh();
              router.push("/");
            }}
          >
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
