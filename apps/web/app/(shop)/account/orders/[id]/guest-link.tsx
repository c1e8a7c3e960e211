"use client";
import { useMercatoClient } from "@mercato/client/react";
import { ACCESS_LINK_EXPIRED } from "@mercato/orders/contract";
import Link from "next/link";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Spinner } from "@/components/ui/states.tsx";
import { errorData } from "@/lib/errors.ts";
import { takeAccessLink } from "@/lib/shop/order-access.ts";

type Outcome = "checking" | "none" | "ok" | "expired" | "invalid";

/**
 * An emailed order link (`#link=<token>`, #21): the signed token is taken from the fragment (never
 * sent to a server, wiped from the address bar at once) and exchanged with `orders.redeemLink`
 * for the order's HttpOnly cookie (set by the /trpc proxy) before the order is read. A link that
 * expired or does not verify shows a page saying so, with the way to a fresh one, not the order.
 */
export function GuestLinkGate({ orderId, children }: { orderId: string; children: ReactNode }) {
  const client = useMercatoClient();
  const [outcome, setOutcome] = useState<Outcome>("checking");
  // Taken from the address bar once, even when React runs the effect twice (development).
  const taken = useRef<{ link: string | undefined } | null>(null);

  useEffect(() => {
    taken.current ??= { link: takeAccessLink() };
    const { link } = taken.current;
    if (!link) {
      setOutcome("none");
      return;
    }
    let cancelled = false;
    client.orders.redeemLink
      .mutate({ orderId, link })
      .then(() => !cancelled && setOutcome("ok"))
      .catch((err: unknown) => {
        if (!cancelled) setOutcome(errorData(err).reason === ACCESS_LINK_EXPIRED ? "expired" : "invalid");
      });
    return () => {
      cancelled = true;
    };
  }, [client, orderId]);

  if (outcome === "checking") return <Spinner label="Opening your order" />;
  if (outcome === "expired" || outcome === "invalid") {
    return (
      <div className="mx-auto max-w-md py-8 text-center" data-testid="order-link-refused" data-reason={outcome}>
        <h1 className="text-2xl font-semibold tracking-tight">
          {outcome === "expired" ? "This order link has expired" : "This order link does not work"}
        </h1>
        <p className="mt-3 text-sm text-neutral-600">
          {outcome === "expired"
            ? "Links to an order work for 30 days after they are sent."
            : "It may have been copied incompletely, or changed."}{" "}
          Ask for a fresh one with your order number and email, and we will send it at once.
        </p>
        <p className="mt-6 flex flex-wrap justify-center gap-4 text-sm">
          <Link
            prefetch={false}
            href="/order-lookup"
            className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
          >
            Get a new link
          </Link>
          <Link
            prefetch={false}
            href={`/account/sign-in?next=/account/orders/${orderId}`}
            className="px-4 py-2 text-brand-700 underline"
          >
            Sign in instead
          </Link>
        </p>
      </div>
    );
  }
  return <>{children}</>;
}
