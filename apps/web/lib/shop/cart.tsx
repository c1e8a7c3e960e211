"use client";
import { useMercatoClient } from "@mercato/client/react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { readCartToken, writeCartToken } from "@/lib/cart-token.ts";
import { useSession } from "@/lib/session.tsx";
import { errorCode } from "./errors.ts";
import type { CartView } from "./types.ts";

interface CartContextValue {
  cart: CartView | undefined;
  loading: boolean;
  drawerOpen: boolean;
  setDrawerOpen(open: boolean): void;
  add(sku: string, quantity: number): Promise<CartView>;
  update(sku: string, quantity: number): Promise<CartView>;
  remove(sku: string): Promise<CartView>;
  applyCode(code: string): Promise<CartView>;
  removeCode(): Promise<CartView>;
  /** Moves the cart to another region: re-priced in its currency (lines it does not sell get a problem). */
  setRegion(regionId: string): Promise<CartView | undefined>;
  /** Where the order goes (a country of the cart's region): tax and shipping follow it. */
  setDestination(country: string, subdivision?: string): Promise<CartView>;
  setShipping(shippingOptionId: string): Promise<CartView>;
  /** The guest token to pass to checkout (undefined when signed in or without a cart). */
  guestToken(): string | undefined;
}

const CartContext = createContext<CartContextValue | null>(null);

/**
 * The shopper's cart for every client component: one React Query entry per shopper, refreshed
 * live by `cart.onChanged` (another tab, an order placed), the guest token kept in its cookie, and
 * a guest cart merged into the account right after sign-in so nothing is lost. `regionId` is the
 * shopper's region (lib/shop/region.ts): a new cart starts in it, and a cart made in another region
 * (another device, before a pick) is moved to it so the cart and the pages show one currency.
 */
export function CartProvider({ regionId, children }: { regionId: string; children: ReactNode }) {
  const client = useMercatoClient();
  const queryClient = useQueryClient();
  const { user, loading: sessionLoading } = useSession();
  const [token, setToken] = useState<string | undefined>(undefined);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const queryKey = useMemo(() => ["shop", "cart", user?.id ?? "guest", regionId], [user?.id, regionId]);

  // The cookie is only readable in the browser, after hydration.
  useEffect(() => setToken(readCartToken()), []);

  const forgetToken = useCallback(() => {
    writeCartToken(null);
    setToken(undefined);
  }, []);

  const cartQuery = useQuery({
    queryKey,
    enabled: !sessionLoading,
    queryFn: async () => {
      const cartToken = user ? undefined : readCartToken();
      try {
        return await client.cart.get.query({ ...(cartToken ? { cartToken } : {}), regionId });
      } catch (err) {
        // The guest cart expired or was merged elsewhere: start afresh rather than fail every page.
        if (cartToken && (errorCode(err) === "NOT_FOUND" || errorCode(err) === "BAD_REQUEST")) {
          forgetToken();
          return client.cart.get.query({ regionId });
        }
        throw err;
      }
    },
  });

  const put = useCallback((view: CartView) => queryClient.setQueryData(queryKey, view), [queryClient, queryKey]);

  // After sign-in: the guest cart moves into the account, then its token is gone for good.
  useEffect(() => {
    if (!user || !token) return;
    let cancelled = false;
    client.cart.merge
      .mutate({ cartToken: token })
      .then((view) => !cancelled && put(view))
      .catch(() => undefined)
      .finally(() => {
        if (!cancelled) forgetToken();
      });
    return () => {
      cancelled = true;
    };
  }, [client, user, token, put, forgetToken]);

  // Live: every change to this cart, wherever it was made.
  useEffect(() => {
    if (sessionLoading || (!user && !token)) return;
    const sub = client.cart.onChanged.subscribe(user ? {} : { cartToken: token }, {
      onData: (view) => put(view),
      onError: () => undefined,
    });
    return () => sub.unsubscribe();
  }, [client, user, token, sessionLoading, put]);

  const withToken = useCallback(() => {
    const cartToken = user ? undefined : readCartToken();
    return cartToken ? { cartToken } : {};
  }, [user]);

  // A cart bound to another region than the one the pages show follows the shopper's region.
  const cartRegion = cartQuery.data?.cartId ? cartQuery.data.region.id : null;
  useEffect(() => {
    if (!cartRegion || cartRegion === regionId) return;
    client.cart.setRegion
      .mutate({ ...withToken(), regionId })
      .then(put)
      .catch(() => undefined);
  }, [client, cartRegion, regionId, withToken, put]);

  const value = useMemo<CartContextValue>(
    () => ({
      cart: cartQuery.data,
      loading: cartQuery.isLoading || sessionLoading,
      drawerOpen,
      setDrawerOpen,
      async add(sku, quantity) {
        const { cartToken, ...view } = await client.cart.addItem.mutate({ ...withToken(), sku, quantity, regionId });
        if (cartToken) {
          writeCartToken(cartToken);
          setToken(cartToken);
        }
        put(view);
        return view;
      },
      async update(sku, quantity) {
        const view = await client.cart.updateItem.mutate({ ...withToken(), sku, quantity });
        put(view);
        return view;
      },
      async remove(sku) {
        const view = await client.cart.removeItem.mutate({ ...withToken(), sku });
        put(view);
        return view;
      },
      async applyCode(code) {
        const view = await client.cart.applyCode.mutate({ ...withToken(), code });
        put(view);
        return view;
      },
      async removeCode() {
        const view = await client.cart.removeCode.mutate(withToken());
        put(view);
        return view;
      },
      async setRegion(next) {
        // Without a cart there is nothing to re-price: the next cart starts in the new region.
        if (!cartQuery.data?.cartId) return undefined;
        const view = await client.cart.setRegion.mutate({ ...withToken(), regionId: next });
        put(view);
        return view;
      },
      async setDestination(country, subdivision) {
        const view = await client.cart.setDestination.mutate({
          ...withToken(),
          country,
          ...(subdivision ? { subdivision } : {}),
        });
        put(view);
        return view;
      },
      async setShipping(shippingOptionId) {
        const view = await client.cart.setShipping.mutate({ ...withToken(), shippingOptionId });
        put(view);
        return view;
      },
      guestToken: () => (user ? undefined : readCartToken()),
    }),
    [cartQuery.data, cartQuery.isLoading, sessionLoading, drawerOpen, client, put, withToken, user, regionId],
  );
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartContextValue {
  const value = useContext(CartContext);
  if (!value) throw new Error("useCart: render inside <CartProvider>");
  return value;
}
