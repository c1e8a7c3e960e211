/**
 * The demo logins seeded when SEED_DEMO=true; the dev launcher prints them. The first two are the
 * superadmin and the shopper; then one staff user per built-in role of `@mercato/access`.
 */
export const DEMO_USERS = [
  { email: "admin@mercato.dev", password: "mercato-admin-1", name: "Mercato Admin", role: "superadmin" },
  { email: "shopper@mercato.dev", password: "mercato-shopper-1", name: "Sam Shopper", role: "customer" },
  { email: "shopadmin@mercato.dev", password: "mercato-shopadmin-1", name: "Ada Admin", role: "admin" },
  { email: "manager@mercato.dev", password: "mercato-manager-1", name: "Max Manager", role: "manager" },
  { email: "support@mercato.dev", password: "mercato-support-1", name: "Sue Support", role: "support" },
  { email: "fulfilment@mercato.dev", password: "mercato-fulfilment-1", name: "Fred Fulfilment", role: "fulfilment" },
  { email: "editor@mercato.dev", password: "mercato-editor-1", name: "Eve Editor", role: "catalog_editor" },
  { email: "moderator@mercato.dev", password: "mercato-moderator-1", name: "Mo Moderator", role: "moderator" },
  { email: "seller@mercato.dev", password: "mercato-seller-1", name: "Sol Seller", role: "seller" },
  // A second seller (#20): with the first, each owns one seeded product (DEMO_SELLERS in @mercato/access).
  { email: "seller2@mercato.dev", password: "mercato-seller-2", name: "Nia Seller", role: "seller" },
] as const;
