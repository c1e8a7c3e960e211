// /dev/mailbox exists only where MAILBOX_API=true, read at run time (one build for every environment).
import { describe, expect, mock, test } from "bun:test";

// Outside a request Next's connection() has nothing to wait for.
mock.module("next/server", () => ({ connection: async () => {} }));
const { requireDevMailbox } = await import("../app/dev/mailbox/mailbox-access.ts");

async function outcome(value: string | undefined): Promise<string> {
  const before = process.env.MAILBOX_API;
  if (value === undefined) delete process.env.MAILBOX_API;
  else process.env.MAILBOX_API = value;
  try {
    await requireDevMailbox();
    return "open";
  } catch (err) {
    return String((err as { digest?: string }).digest);
  } finally {
    if (before === undefined) delete process.env.MAILBOX_API;
    else process.env.MAILBOX_API = before;
  }
}

describe("the dev mailbox page", () => {
  test("is a 404 unless MAILBOX_API=true", async () => {
    expect(await outcome(undefined)).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(await outcome("false")).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(await outcome("1")).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(await outcome("true")).toBe("open");
  });
});
