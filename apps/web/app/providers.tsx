"use client";
import { createMercatoClient } from "@mercato/client";
import { MercatoProvider } from "@mercato/client/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { getToken } from "@/lib/auth-client.ts";
import { SessionProvider } from "@/lib/session.tsx";

/** React Query and the typed platform client for every client component. */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: false } } }),
  );
  const [client] = useState(() =>
    createMercatoClient({
      // Same origin: /trpc is forwarded to the gateway by this app (see lib/gateway-proxy.ts).
      baseUrl: typeof window === "undefined" ? "http://localhost" : window.location.origin,
      getToken,
    }),
  );
  // Marks the document once React owns it: until then a click or keystroke reaches only the server's
  // HTML and is lost when React hydrates. Browser tests wait for it after every full page load.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <QueryClientProvider client={queryClient}>
      <MercatoProvider client={client} queryClient={queryClient}>
        <SessionProvider>{children}</SessionProvider>
      </MercatoProvider>
    </QueryClientProvider>
  );
}
