"use client";
import { useMercatoClient } from "@mercato/client/react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { useSession } from "@/lib/session.tsx";
import { useCart } from "./cart.tsx";
import type { WishlistView } from "./types.ts";

/** Every wishlist query starts with this key: the cart's merge at sign-in invalidates them all. */
export const WISHLIST_KEY = ["shop", "wishlist"] as const;

/**
 * The shopper's wishlist (#27): a guest's is held by their cart token (the HttpOnly cookie the
 * /trpc proxy sends), so saving as a guest may open the guest cart; it is merged into the account
 * with the cart at sign-in (lib/shop/cart.tsx).
 */
export function useWishlist() {
  const client = useMercatoClient();
  const queryClient = useQueryClient();
  const { user, loading: sessionLoading } = useSession();
  const { adoptGuestCart } = useCart();
  const queryKey = useMemo(() => [...WISHLIST_KEY, user?.id ?? "guest"], [user?.id]);
  const query = useQuery({
    queryKey,
    enabled: !sessionLoading,
    queryFn: async () => {
      try {
        return await client.cart.wishlist.get.query({});
      } catch {
        // A guest whose cart went (swept, merged elsewhere) has an empty wishlist, not an error page.
        return { items: [], shared: false, shareName: null, sharedAt: null } satisfies WishlistView;
      }
    },
  });
  const put = useCallback((view: WishlistView) => queryClient.setQueryData(queryKey, view), [queryClient, queryKey]);
  const saved = useCallback((sku: string) => Boolean(query.data?.items.some((i) => i.sku === sku)), [query.data]);

  return {
    wishlist: query.data,
    loading: query.isLoading || sessionLoading,
    saved,
    async add(sku: string) {
      const { cartToken, ...view } = await client.cart.wishlist.add.mutate({ sku });
      // The proxy made the new guest token a cookie; the cart merges it at sign-in.
      if (cartToken) adoptGuestCart();
      put(view);
      return view;
    },
    async remove(sku: string) {
      const view = await client.cart.wishlist.remove.mutate({ sku });
      put(view);
      return view;
    },
    async moveToCart(sku: string) {
      const { wishlist, cart } = await client.cart.wishlist.moveToCart.mutate({ sku });
      put(wishlist);
      await queryClient.invalidateQueries({ queryKey: ["shop", "cart"] });
      return cart;
    },
    async share(shareName: string) {
      const { shareToken, wishlist } = await client.cart.wishlist.share.mutate({ shareName });
      put(wishlist);
      return shareToken;
    },
    async unshare() {
      put(await client.cart.wishlist.unshare.mutate());
    },
  };
}
