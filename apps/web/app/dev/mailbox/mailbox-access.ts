import { notFound } from "next/navigation";
import { connection } from "next/server";
import { errorCode } from "@/lib/shop/errors.ts";

/**
 * The dev mailbox exists only where MAILBOX_API=true (the dev launcher and the tests set it, read
 * at run time, so one build serves every environment); elsewhere the page is not there at all.
 */
export async function requireDevMailbox(): Promise<void> {
  await connection();
  if (process.env.MAILBOX_API !== "true") notFound();
}

/**
 * The notifications service decides who may read the mailbox (anyone with MAILBOX_API, admins
 * otherwise); when it refuses, the page does not exist for this visitor.
 */
export function hiddenWhenRefused(err: unknown): never {
  const code = errorCode(err);
  if (code === "UNAUTHORIZED" || code === "FORBIDDEN" || code === "NOT_FOUND") notFound();
  throw err;
}
