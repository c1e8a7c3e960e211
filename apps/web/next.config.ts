import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship TypeScript source.
  transpilePackages: [
    "@mercato/client",
    "@mercato/pricing",
    "@mercato/registry",
    "@mercato/events",
    "@mercato/identity",
    "@mercato/catalog",
    "@mercato/inventory",
    "@mercato/cart",
    "@mercato/orders",
    "@mercato/payments",
    "@mercato/notifications",
  ],
  // forbidden() in the admin layout answers a real HTTP 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
};

export default config;
