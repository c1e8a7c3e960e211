"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useMemo } from "react";
import { auth, forgetToken, type SessionUser } from "./auth-client.ts";

interface SessionValue {
  user: SessionUser | null;
  loading: boolean;
  /** Re-reads the session after sign-in, sign-out or a role change. */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionValue>({ user: null, loading: true, refresh: async () => {} });

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: ["session"], queryFn: () => auth.session(), staleTime: 60_000 });
  const refresh = useCallback(async () => {
    forgetToken();
    // Everything cached belonged to the previous user (cart, orders...).
    await queryClient.invalidateQueries();
  }, [queryClient]);
  const value = useMemo(
    () => ({ user: session.data ?? null, loading: session.isLoading, refresh }),
    [session.data, session.isLoading, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  return useContext(SessionContext);
}
