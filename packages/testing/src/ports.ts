import { GATEWAY, SERVICES, WEB } from "@mercato/registry";

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const { port } = listener;
  listener.stop(true);
  return port;
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

/** Polls a URL until it answers 2xx. */
export async function waitForHttp(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 2xx within ${timeoutMs} ms (last: ${last})`);
    await Bun.sleep(100);
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
