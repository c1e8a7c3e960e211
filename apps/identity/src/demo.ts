/** The demo logins seeded when SEED_DEMO=true; the dev launcher prints them. */
export const DEMO_USERS = [
  { email: "admin@mercato.dev", password: "mercato-admin-1", name: "Mercato Admin", role: "admin" },
  { email: "shopper@mercato.dev", password: "mercato-shopper-1", name: "Sam Shopper", role: "customer" },
] as const;
