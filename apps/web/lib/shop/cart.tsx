"use client";
import { useMercatoClient } from "@mercato/client/react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { forgetGuestCart, hasGuestCart } from "@/lib/cart-token.ts";
import { useSession } from "@/lib/session.tsx";
import { isNetworkFailure } from "../errors.ts";
import { readCartSnapshot, writeCartSnapshot } from "./cart-snapshot.ts";
import { errorCode } from "./errors.ts";
import { useOnline } from "./online.ts";
import type { CartView, GiftCardRecipientInput } from "./types.ts";

interface CartContextValue {
  cart: CartView | undefined;
  loading: boolean;
  /** The browser is offline: `cart` is the last state seen (or the snapshot kept on this device), changes are refused. */
  offline: boolean;
  /** `cart` is this device's snapshot, not a fresh read (offline, or the cart could not be reached). */
  fromSnapshot: boolean;
  drawerOpen: boolean;
  setDrawerOpen(open: boolean): void;
  /** `giftCard`: the recipient, required when the SKU is a gift card (#27). */
  add(sku: string, quantity: number, giftCard?: GiftCardRecipientInput): Promise<CartView>;
  update(sku: string, quantity: number): Promise<CartView>;
  remove(sku: string): Promise<CartView>;
  applyCode(code: string): Promise<CartView>;
  removeCode(): Promise<CartView>;
  /** Moves the cart to another region: re-priced in its currency (lines it does not sell get a problem). */
  setRegion(regionId: string): Promise<CartView | undefined>;
  /** Where the order goes (a country of the cart's region): tax and shipping follow it. */
  setDestination(country: string, subdivision?: string): Promise<CartView>;
  setShipping(shippingOptionId: string): Promise<CartView>;
  /** A guest cart was opened elsewhere (saving to the wishlist): merge it at sign-in too. */
  adoptGuestCart(): void;
}

const CartContext = createContext<CartContextValue | null>(null);

/**
 * The shopper's cart for every client component: one React Query entry per shopper, refreshed
 * live by `cart.onChanged` (another tab, an order placed), the guest token kept in an HttpOnly
 * cookie this script never reads (the /trpc proxy sends it as a header), and
 * a guest cart merged into the account right after sign-in so nothing is lost. `regionId` is the
 * shopper's region (lib/shop/region.ts): a new cart starts in it, and a cart made in another region
 * (another device, before a pick) is moved to it so the cart and the pages show one currency.
 *
 * Offline (lib/shop/cart-snapshot.ts): every fresh view is kept in localStorage, and while the browser
 * is offline (or the cart cannot be reached) the last one is shown; changes are refused with a
 * sentence saying so rather than queued (a queued change could meet other stock and prices later);
 * coming back online reads the cart again, so changes made elsewhere meanwhile appear.
 */
export function CartProvider({ regionId, children }: { regionId: string; children: ReactNode }) {
  const client = useMercatoClient();
  const queryClient = useQueryClient();
  const { user, loading: sessionLoading } = useSession();
  // Whether a guest cart exists; its token stays in the HttpOnly cookie.
  const [token, setToken] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const queryKey = useMemo(() => ["shop", "cart", user?.id ?? "guest", regionId], [user?.id, regionId]);

  // The marker cookie is only readable in the browser, after hydration.
  useEffect(() => setToken(hasGuestCart()), []);

  const forgetToken = useCallback(async () => {
    await forgetGuestCart();
    setToken(false);
  }, []);

  const cartQuery = useQuery({
    queryKey,
    enabled: !sessionLoading,
    // While the cart cannot be read (offline, the shop unreachable), try again every few seconds:
    // the browser's online event does not come when it never noticed it was offline.
    refetchInterval: (query) => (query.state.status === "error" && isNetworkFailure(query.state.error) ? 4000 : false),
    // A read that failed at the network is not retried at once: the drawer shows the snapshot now.
    retry: (failures, err) => failures < 1 && !isNetworkFailure(err),
    queryFn: async () => {
      const guest = !user && hasGuestCart();
      try {
        return await client.cart.get.query({ regionId });
      } catch (err) {
        // The guest cart expired or was merged elsewhere: start afresh rather than fail every page.
        if (guest && (errorCode(err) === "NOT_FOUND" || errorCode(err) === "BAD_REQUEST")) {
          await forgetToken();
          return client.cart.get.query({ regionId });
        }
        throw err;
      }
    },
  });

  const put = useCallback((view: CartView) => queryClient.setQueryData(queryKey, view), [queryClient, queryKey]);

  const online = useOnline();
  const owner = user?.id ?? "guest";
  // Keep each fresh view for offline use; read only in the browser, after hydration.
  const [snapshot, setSnapshot] = useState<CartView | null>(null);
  useEffect(() => setSnapshot(readCartSnapshot(window.localStorage)?.view ?? null), []);
  useEffect(() => {
    if (!cartQuery.data || sessionLoading) return;
    writeCartSnapshot(window.localStorage, {
      owner,
      regionId,
      savedAt: new Date().toISOString(),
      view: cartQuery.data,
    });
    setSnapshot(cartQuery.data);
  }, [cartQuery.data, sessionLoading, owner, regionId]);
  // Back online: read the cart again (a change made on another device or tab meanwhile).
  const { refetch } = cartQuery;
  useEffect(() => {
    const onOnline = () => void refetch();
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [refetch]);
  // Offline: the browser says so, or the last read of the cart failed at the network.
  const unreachable = cartQuery.isError && isNetworkFailure(cartQuery.error);
  const offline = !online || unreachable;
  const fromSnapshot = !cartQuery.data && (offline || cartQuery.isError) && snapshot !== null;
  // The last state seen on this page, else (a page opened offline) this device's snapshot.
  const shown = cartQuery.data ?? (fromSnapshot ? (snapshot ?? undefined) : undefined);
  /** Refuses a change while offline, in words the cart's error notes show as they are. */
  const needNetwork = useCallback(() => {
    if (offline) throw new Error("You are offline: your cart can be changed again once you are back online.");
  }, [offline]);

  // After sign-in: the guest cart moves into the account, then its token is gone for good.
  useEffect(() => {
    if (!user || !token) return;
    let cancelled = false;
    client.cart.merge
      .mutate({})
      .then((view) => !cancelled && put(view))
      .catch(() => undefined)
      .finally(() => {
        // The guest's wishlist merged with the cart (#27): read the account's afresh.
        void queryClient.invalidateQueries({ queryKey: ["shop", "wishlist"] });
        if (!cancelled) void forgetToken();
      });
    return () => {
      cancelled = true;
    };
  }, [client, user, token, put, forgetToken, queryClient]);

  // Live: every change to this cart, wherever it was made.
  useEffect(() => {
    if (sessionLoading || (!user && !token)) return;
    const sub = client.cart.onChanged.subscribe(
      {},
      {
        onData: (view) => put(view),
        onError: () => undefined,
      },
    );
    return () => sub.unsubscribe();
  }, [client, user, token, sessionLoading, put]);

  // A cart bound to another region than the one the pages show follows the shopper's region.
  const cartRegion = cartQuery.data?.cartId ? cartQuery.data.region.id : null;
  useEffect(() => {
    if (!cartRegion || cartRegion === regionId) return;
    client.cart.setRegion
      .mutate({ regionId })
      .then(put)
      .catch(() => undefined);
  }, [client, cartRegion, regionId, put]);

  const value = useMemo<CartContextValue>(
    () => ({
      cart: shown,
      loading: !shown && !offline && (cartQuery.isLoading || sessionLoading),
      offline,
      fromSnapshot,
      drawerOpen,
      setDrawerOpen,
      async add(sku, quantity, giftCard) {
        needNetwork();
        // A new guest cart's token became an HttpOnly cookie on the way back (the proxy).
        const { cartToken, ...view } = await client.cart.addItem.mutate({
          sku,
          quantity,
          regionId,
          ...(giftCard ? { giftCard } : {}),
        });
        if (cartToken) setToken(true);
        put(view);
        return view;
      },
      async update(sku, quantity) {
        needNetwork();
        const view = await client.cart.updateItem.mutate({ sku, quantity });
        put(view);
        return view;
      },
      async remove(sku) {
        needNetwork();
        const view = await client.cart.removeItem.mutate({ sku });
        put(view);
        return view;
      },
      async applyCode(code) {
        needNetwork();
        const view = await client.cart.applyCode.mutate({ code });
        put(view);
        return view;
      },
      async removeCode() {
        needNetwork();
        const view = await client.cart.removeCode.mutate({});
        put(view);
        return view;
      },
      async setRegion(next) {
        needNetwork();
        // Without a cart there is nothing to re-price: the next cart starts in the new region.
        if (!cartQuery.data?.cartId) return undefined;
        const view = await client.cart.setRegion.mutate({ regionId: next });
        put(view);
        return view;
      },
      async setDestination(country, subdivision) {
        needNetwork();
        const view = await client.cart.setDestination.mutate({ country, ...(subdivision ? { subdivision } : {}) });
        put(view);
        return view;
      },
      adoptGuestCart() {
        setToken(true);
      },
      async setShipping(shippingOptionId) {
        needNetwork();
        const view = await client.cart.setShipping.mutate({ shippingOptionId });
        put(view);
        return view;
      },
    }),
    [
      shown,
      offline,
      fromSnapshot,
      cartQuery.data,
      cartQuery.isLoading,
      sessionLoading,
      drawerOpen,
      client,
      put,
      regionId,
      needNetwork,
    ],
  );
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartContextValue {
  const value = useContext(CartContext);
  if (!value) throw new Error("useCart: render inside <CartProvider>");
  return value;
}
