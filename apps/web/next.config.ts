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
  // Product images (#27): the catalog stores each upload at these widths; the loader picks one.
  images: {
    loader: "custom",
    loaderFile: "./lib/media-loader.ts",
    deviceSizes: [320, 640, 1280],
    imageSizes: [],
  },
  // forbidden() in the admin layout answers a real HTTP 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
  // The service worker (scripts/build-sw.ts): always revalidated, so a deploy's new worker is seen
  // at once, and allowed to run no script but its own.
  async headers() {
    return [
      {
        source: "/sw.js",
        headers: [
          { key: "Content-Type", value: "application/javascript; charset=utf-8" },
          { key: "Cache-Control", value: "no-cache, no-store, must-revalidate" },
          { key: "Content-Security-Policy", value: "default-src 'self'; script-src 'self'" },
        ],
      },
    ];
  },
};

export default config;
