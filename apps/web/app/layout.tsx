import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SHOP_NAME } from "@/lib/config.ts";
import "./globals.css";
import { Providers } from "./providers.tsx";

export const metadata: Metadata = {
  title: { default: `${SHOP_NAME} — everyday things, well made`, template: `%s · ${SHOP_NAME}` },
  description: "Clothing, shoes and home goods, shipped fast.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#3c49cf" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
