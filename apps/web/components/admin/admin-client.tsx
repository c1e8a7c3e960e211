"use client";
import { createMercatoClient } from "@mercato/client";
import { MercatoProvider } from "@mercato/client/react";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { getToken } from "@/lib/auth-client.ts";

// Bun's type of fetch carries extra members (preconnect) that a wrapper need not have.
const noStoreFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
  fetch(input, { ...init, cache: "no-store" })) as typeof fetch;

/**
 * The admin's own platform client: like the shop's, but every request skips the browser's HTTP
 * cache. Public catalog reads (the category tree, product pages) are sent with
 * `Cache-Control: public, max-age=…`, which is right for shoppers but would show an admin the
 * state from before their own edit.
 */
export function AdminClientProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [client] = useState(() =>
    createMercatoClient({
      baseUrl: typeof window === "undefined" ? "http://localhost" : window.location.origin,
      getToken,
      fetch: noStoreFetch,
    }),
  );
  return (
    <MercatoProvider client={client} queryClient={queryClient}>
      {children}
    </MercatoProvider>
  );
}
