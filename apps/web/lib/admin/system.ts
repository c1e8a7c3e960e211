import { SERVICE_NAMES } from "@mercato/registry";
import { SERVER_GATEWAY_URL } from "@/lib/config.ts";

/**
 * The system health page's data, gathered on this server: every service's `<svc>.system.status`
 * through the gateway with the staff member's token (each service checks `settings.write`), and
 * the gateway's breaker states from its internal port (GATEWAY_INTERNAL_URL, never public).
 * A service that does not answer is `down` with the reason; nothing here throws.
 */
export interface ServiceHealth {
  service: string;
  up: boolean;
  /** Why it counts as down (no answer, 503, refused...). */
  error?: string;
  // The kit's SystemStatus (packages/kit/src/system/system.ts), as JSON.
  status?: {
    version: string;
    gitSha: string | null;
    ready: boolean;
    checks: Record<string, string>;
    memory: { rssBytes: number; heapUsedBytes: number; heapTotalBytes: number };
    eventLoopDelayMs: { p50: number; p99: number; max: number };
    outbox: { pending: number; oldestAgeMs: number | null };
    consumers: { durable: string; pending: number; ackPending: number; redelivered: number }[];
    deadLetters: {
      total: number;
      items: {
        sequence: number;
        consumer: string;
        eventType: string;
        eventId: string | null;
        reason: string;
        at: string;
        replayedAt: string | null;
        replayedBy: string | null;
      }[];
    };
  };
}

export interface SystemSnapshot {
  at: string;
  services: ServiceHealth[];
  breakers: Record<string, string> | null;
  breakersError?: string;
}

const CALL_TIMEOUT_MS = 2_500;

function reasonOf(err: unknown): string {
  return err instanceof Error && err.name === "TimeoutError" ? "no answer in time" : "unreachable";
}

async function serviceHealth(service: string, token: string): Promise<ServiceHealth> {
  try {
    const res = await fetch(`${SERVER_GATEWAY_URL}/trpc/${service}.system.status`, {
      headers: { authorization: `Bearer ${token}` },
      cache: "no-store",
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const body = (await res.json().catch(() => null)) as {
      result?: { data?: { json?: ServiceHealth["status"] } };
      error?: { json?: { message?: string } };
    } | null;
    const status = body?.result?.data?.json;
    if (res.ok && status) return { service, up: status.ready, status, ...(status.ready ? {} : { error: "not ready" }) };
    return { service, up: false, error: body?.error?.json?.message ?? `answered ${res.status}` };
  } catch (err) {
    return { service, up: false, error: reasonOf(err) };
  }
}

async function breakers(): Promise<Pick<SystemSnapshot, "breakers" | "breakersError">> {
  const internal = process.env.GATEWAY_INTERNAL_URL;
  if (!internal) return { breakers: null, breakersError: "GATEWAY_INTERNAL_URL is not set" };
  try {
    const res = await fetch(`${internal}/breakers`, {
      cache: "no-store",
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    if (!res.ok) return { breakers: null, breakersError: `answered ${res.status}` };
    return { breakers: ((await res.json()) as { breakers: Record<string, string> }).breakers };
  } catch (err) {
    return { breakers: null, breakersError: reasonOf(err) };
  }
}

export async function systemSnapshot(token: string): Promise<SystemSnapshot> {
  const [services, gateway] = await Promise.all([
    Promise.all(SERVICE_NAMES.map((s) => serviceHealth(s, token))),
    breakers(),
  ]);
  return { at: new Date().toISOString(), services, ...gateway };
}

/** Asks a service to replay one of its dead letters; answers the service's status and JSON. */
export async function replayDeadLetter(
  token: string,
  service: string,
  sequence: number,
): Promise<{ status: number; body: unknown }> {
  try {
    const res = await fetch(`${SERVER_GATEWAY_URL}/trpc/${service}.system.replayDeadLetter`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ json: { sequence } }),
      cache: "no-store",
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json().catch(() => null)) as {
      result?: { data?: { json?: unknown } };
      error?: { json?: unknown };
    } | null;
    return { status: res.status, body: body?.result?.data?.json ?? { error: body?.error?.json ?? null } };
  } catch (err) {
    return { status: 503, body: { error: { message: `${service} is ${reasonOf(err)}` } } };
  }
}
