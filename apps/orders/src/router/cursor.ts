import { TRPCError } from "@trpc/server";
import { z } from "zod";

const cursorSchema = z.object({ placedAt: z.number().int(), id: z.string() });
export type ListCursor = z.infer<typeof cursorSchema>;

/** Keyset cursors (newest first): stable while orders are being placed, unlike offsets. */
export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeCursor(raw: string): ListCursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw new TRPCError({ code: "BAD_REQUEST", message: "cursor: malformed cursor" });
  }
}
