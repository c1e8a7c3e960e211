/** Storefront pages the emails link to, from the configured base URL. */
export function storefrontLinks(base: string) {
  const root = base.replace(/\/+$/, "");
  return {
    home: `${root}/`,
    order: (orderId: string) => `${root}/account/orders/${encodeURIComponent(orderId)}`,
    /** Where a shopper retries a declined payment. */
    pay: (orderId: string) => `${root}/checkout/pay/${encodeURIComponent(orderId)}`,
    /** The shopper's support conversations (#22). */
    support: `${root}/account#support`,
    product: (slug: string) => `${root}/p/${encodeURIComponent(slug)}`,
    wishlist: `${root}/account/wishlist`,
    adminStock: (sku: string) => `${root}/admin/inventory?sku=${encodeURIComponent(sku)}`,
  };
}
