/**
 * Runs `pass` whenever kicked, on a poll interval, or at a requested time; never two passes at once,
 * and a kick during a pass runs one more pass after it. `stop` waits for the pass in flight.
 */
export function wakeLoop(pass: () => Promise<void>, pollMs: number, onError: (err: unknown) => void) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;
  let poll: ReturnType<typeof setInterval> | undefined;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const kick = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch(onError)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          kick();
        }
      });
  };

  return {
    kick,
    /** Asks for a pass in `ms` (for a retry due before the next poll). */
    wakeIn(ms: number): void {
      if (stopped) return;
      const t = setTimeout(() => {
        timers.delete(t);
        kick();
      }, ms);
      timers.add(t);
    },
    start(): void {
      stopped = false;
      poll ??= setInterval(kick, pollMs);
      kick();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (poll) clearInterval(poll);
      poll = undefined;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await running;
    },
  };
}
