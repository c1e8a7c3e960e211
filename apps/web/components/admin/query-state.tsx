import type { ReactNode } from "react";
import { ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";

/**
 * What an admin view shows instead of its data while it cannot show the data: the error, a
 * spinner until the first answer, or its empty state. Null once there is data to render, so a view
 * reads `{queryState(list, { ... }) ?? <Table ... />}`.
 */
export function queryState(
  query: { isError: boolean; error: unknown; data: unknown },
  opts: { loading?: string; empty?: ReactNode } = {},
): ReactNode | null {
  if (query.isError) return <ErrorNote>{errorMessage(query.error)}</ErrorNote>;
  if (query.data === undefined) return <Spinner label={opts.loading} />;
  return opts.empty ?? null;
}
