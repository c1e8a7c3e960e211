import type { giftCardLineSchema } from "@mercato/cart/contract";
import type { CartOutputs, CatalogOutputs, OrdersOutputs } from "@mercato/client";
import type { z } from "zod";

export type ProductList = CatalogOutputs["products"]["list"];
export type ListedProduct = ProductList["items"][number];
export type Facets = ProductList["facets"];
export type ProductPage = CatalogOutputs["products"]["bySlug"];
export type Variant = ProductPage["variants"][number];
export type CategoryNode = CatalogOutputs["categories"]["tree"][number];
export type CartView = CartOutputs["get"];
export type CartLine = CartView["lines"][number];
export type OrderDetail = OrdersOutputs["byId"];
export type OrderStatus = OrderDetail["status"];
export type Address = OrderDetail["shippingAddress"];
export type WishlistView = CartOutputs["wishlist"]["get"];
export type WishlistItem = WishlistView["items"][number];
export type SharedWishlist = CartOutputs["wishlist"]["shared"];
/**
 * Who a gift card in the cart goes to (#27), as the buy box sends it (the message may be left
 * out), and the shopper's own amount when they typed one.
 */
export type GiftCardRecipientInput = z.input<typeof giftCardLineSchema>;
