"use client";
import { type AccessView, can, type Permission } from "@mercato/access";
import { createContext, type ReactNode, useContext } from "react";

const AccessContext = createContext<AccessView>({
  role: "customer",
  permissions: [],
  sellerId: null,
  refundLimit: null,
});

/** The signed-in staff member's role and permissions (identity.myAccess, read by the admin layout). */
export function AccessProvider({ access, children }: { access: AccessView; children: ReactNode }) {
  return <AccessContext.Provider value={access}>{children}</AccessContext.Provider>;
}

export function useAccess(): AccessView {
  return useContext(AccessContext);
}

/** True when the signed-in staff member holds `permission`. The server refuses the rest anyway. */
export function useCan(permission: Permission): boolean {
  return can(useAccess(), permission);
}

/** Renders its children only for a staff member holding `permission` (action buttons, forms). */
export function Can({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useCan(permission) ? children : null;
}
