import { notFound } from "next/navigation";
import { errorCode } from "@/lib/shop/errors.ts";

/**
 * The notifications service decides who may read the mailbox (anyone in development, admins in
 * production); when it refuses, the page does not exist for this visitor.
 */
export function hiddenWhenRefused(err: unknown): never {
  const code = errorCode(err);
  if (code === "UNAUTHORIZED" || code === "FORBIDDEN" || code === "NOT_FOUND") notFound();
  throw err;
}
