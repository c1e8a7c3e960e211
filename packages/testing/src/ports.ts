import { GATEWAY, SERVICES, WEB } from "@mercato/registry";

/**
 * Where test servers listen: below Linux's ephemeral range (32768–60999). A port the OS hands out
 * for `port: 0` comes from that range, which is also where every outgoing connection takes its
 * source port, so between choosing it and listening on it a client socket could take it
 * (EADDRINUSE, seen in CI). Ports here are never used as source ports.
 */
const LISTEN_RANGE = listenRange(process.env.MERCATO_TEST_PORTS);

/**
 * `MERCATO_TEST_PORTS=from-to` narrows the range: scripts/test.sh gives each of its two lanes its
 * own half, so suites running side by side never pick the same port between choosing and listening.
 */
function listenRange(setting: string | undefined): { from: number; to: number } {
  const whole = { from: 20_000, to: 32_000 };
  const match = setting?.match(/^(\d+)-(\d+)$/);
  if (!match) return whole;
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (from < whole.from || to > whole.to || to - from < 1000) {
    throw new Error(`MERCATO_TEST_PORTS=${setting}: want from-to within ${whole.from}-${whole.to}, at least 1000 wide`);
  }
  return { from, to };
}
/** Handed out by this process already: two platforms in one suite never get the same port. */
const handedOut = new Set<number>();

/** A free TCP port on 127.0.0.1, outside the ephemeral range, not handed out before by this process. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LISTEN_RANGE.from + Math.floor(Math.random() * (LISTEN_RANGE.to - LISTEN_RANGE.from));
    if (handedOut.has(port) || !canListen(port)) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port in ${LISTEN_RANGE.from}–${LISTEN_RANGE.to} after 200 tries`);
}

/** Resolves once something accepts TCP connections on the port, or rejects after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const socket = await Bun.connect({ hostname: "127.0.0.1", port, socket: { data() {} } });
      socket.end();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`nothing answered on 127.0.0.1:${port} within ${timeoutMs} ms`);
      await Bun.sleep(50);
    }
  }
}

/**
 * Polls a URL until it answers 2xx (and, with `accept`, a body it accepts: a 2xx from the wrong
 * process on the port is not readiness).
 */
export async function waitForHttp(url: string, timeoutMs = 15_000, accept?: (body: string) => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    try {
      const res = await fetch(url);
      const body = await res.text();
      if (res.ok && (accept?.(body) ?? true)) return;
      last = `${res.status} ${body}`;
    } catch (err) {
      last = String(err);
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 2xx within ${timeoutMs} ms (last: ${last})`);
    await Bun.sleep(100);
  }
}

/** Whether this process can listen on the port now (nothing else bound to it). */
function canListen(port: number): boolean {
  try {
    Bun.listen({ hostname: "127.0.0.1", port, socket: { data() {} } }).stop(true);
    return true;
  } catch {
    return false;
  }
}

/** Whether nothing accepts TCP connections on 127.0.0.1:port right now. */
async function isFree(port: number): Promise<boolean> {
  try {
    const socket = await Bun.connect({ hostname: "127.0.0.1", port, socket: { data() {} } });
    socket.end();
    return false;
  } catch {
    return true;
  }
}

/**
 * A `MERCATO_PORT_OFFSET` (a multiple of 100 from 10,000) at which the web app's, the gateway's
 * and every service's registry port is free, so a whole platform started through the dev
 * launcher runs beside a developer's and other tests'.
 */
export async function freePortOffset(): Promise<number> {
  const ports = [WEB.port, GATEWAY.port, ...SERVICES.map((s) => s.port)];
  for (let attempt = 0; attempt < 20; attempt++) {
    const offset = 10_000 + Math.floor(Math.random() * 40) * 100;
    const free = await Promise.all(ports.map((p) => isFree(p + offset)));
    if (free.every(Boolean)) return offset;
  }
  throw new Error("no port offset with every platform port free after 20 tries");
}
