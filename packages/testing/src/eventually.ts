/**
 * Polls `check` until it returns something other than `undefined`, `null` or `false`, and
 * resolves with that. A check that throws counts as "not yet" (a service still starting, an event
 * not yet consumed); after `timeoutMs` the last error is thrown, or a timeout error when the
 * check kept answering "not yet".
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false)
        return value as Exclude<T, undefined | null | false>;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw lastError ?? new Error(`condition not met within ${timeoutMs} ms`);
    await Bun.sleep(50);
  }
}
