"use client";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useRef } from "react";

/**
 * The phone's menu (region picker, categories): a disclosure placed against the sticky header,
 * closed again when the shopper follows a link in it (the header stays mounted across pages).
 */
export function MobileMenu({ children }: { children: ReactNode }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (menu.current && pathname) menu.current.open = false;
  }, [pathname]);
  return (
    <details ref={menu} className="md:hidden" data-testid="mobile-menu">
      <summary className="flex cursor-pointer list-none items-center rounded-lg p-2 text-neutral-700 hover:bg-neutral-100">
        <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 7h16M4 12h16M4 17h16" strokeLinecap="round" />
        </svg>
        <span className="sr-only">Menu</span>
      </summary>
      <div className="absolute inset-x-4 top-full z-40 mt-1 space-y-4 rounded-xl border border-neutral-200 bg-white p-4 shadow-xl">
        {children}
      </div>
    </details>
  );
}
