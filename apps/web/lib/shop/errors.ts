/** What to show a shopper for a failed call: the service's message, which names the field. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) {
    // A network failure inside fetch says nothing useful to a shopper.
    if (/fetch failed|Failed to fetch|NetworkError/i.test(err.message)) {
      return "We could not reach the shop. Check your connection and try again.";
    }
    return err.message;
  }
  return "Something went wrong. Please try again.";
}

/** The tRPC error code of a failure (NOT_FOUND, CONFLICT...), when there is one. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null || !("data" in err)) return undefined;
  const data = (err as { data?: { code?: unknown } | null }).data;
  return typeof data?.code === "string" ? data.code : undefined;
}
