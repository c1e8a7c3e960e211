import { SERVICE_TOKEN_HEADER } from "@mercato/kit";
import superjson from "superjson";
import { BETTER_AUTH_SECRET, TEST_SERVICE_KEYS, testServiceSigner } from "./platform.ts";
import type { ProcedureType } from "./procedures.ts";

export interface Caller {
  /** A user's JWT, sent as `Authorization: Bearer`. */
  bearer?: string;
  /** A service credential, sent as `x-service-token`. */
  serviceToken?: string;
}

export interface WireResult {
  status: number;
  body: string;
  /** tRPC's error code when the answer is an error (`BAD_REQUEST`, `FORBIDDEN`...). */
  code: string | undefined;
  message: string | undefined;
}

/** How long one call may take before it counts as hanging. */
const CALL_TIMEOUT_MS = 10_000;

/** Sent as it is, bypassing superjson: what a hand-made request can carry. */
export class RawJson {
  constructor(readonly json: string) {}
}

/** `undefined` travels as "no input", as tRPC clients send it. */
function encode(input: unknown): string | undefined {
  if (input instanceof RawJson) return input.json;
  return input === undefined ? undefined : JSON.stringify(superjson.serialize(input));
}

function headersFor(caller: Caller, json: boolean): Record<string, string> {
  return {
    ...(json ? { "content-type": "application/json" } : {}),
    ...(caller.bearer ? { authorization: `Bearer ${caller.bearer}` } : {}),
    ...(caller.serviceToken ? { [SERVICE_TOKEN_HEADER]: caller.serviceToken } : {}),
  };
}

/**
 * One call in tRPC's HTTP wire format with superjson: queries and subscriptions as GET with
 * `?input=`, mutations as a POST with a JSON body. A subscription's stream is cut after its first
 * chunk: what matters here is whether it was refused.
 */
export async function call(
  baseUrl: string,
  path: string,
  type: ProcedureType,
  input: unknown,
  caller: Caller = {},
): Promise<WireResult> {
  const encoded = encode(input);
  const signal = AbortSignal.timeout(CALL_TIMEOUT_MS);
  let res: Response;
  if (type === "mutation") {
    res = await fetch(`${baseUrl}/trpc/${path}`, {
      method: "POST",
      headers: headersFor(caller, true),
      body: encoded ?? "",
      signal,
    });
  } else {
    const query = encoded === undefined ? "" : `?input=${encodeURIComponent(encoded)}`;
    const accept: Record<string, string> = type === "subscription" ? { accept: "text/event-stream" } : {};
    res = await fetch(`${baseUrl}/trpc/${path}${query}`, {
      headers: { ...headersFor(caller, false), ...accept },
      signal,
    });
  }
  if (type === "subscription" && res.ok) return firstEvent(res);
  const body = await res.text();
  return { status: res.status, body, ...errorOf(body) };
}

/**
 * tRPC answers a subscription with 200 and an event stream even when it refuses: the refusal is
 * a `serialized-error` event carrying the HTTP status it stands for. Reads until the first event
 * that is not the greeting or a ping (or briefly, for a stream that just waits).
 */
async function firstEvent(res: Response): Promise<WireResult> {
  const reader = res.body?.getReader();
  let body = "";
  if (reader) {
    const deadline = Date.now() + 1_500;
    const decoder = new TextDecoder();
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), Bun.sleep(deadline - Date.now()).then(() => null)]);
      if (!chunk || chunk.done) break;
      body += decoder.decode(chunk.value, { stream: true });
      if (/event: (?!connected|ping)/.test(body) || /\ndata: (?!\{"reconnectAfter)/.test(body)) break;
    }
    await reader.cancel().catch(() => undefined);
  }
  const refusal = body.match(/event: serialized-error\ndata: (.*)\n/);
  if (!refusal?.[1]) return { status: res.status, body, code: undefined, message: undefined };
  const error = JSON.parse(refusal[1]) as {
    json?: { message?: string; data?: { code?: string; httpStatus?: number } };
  };
  return {
    status: error.json?.data?.httpStatus ?? 500,
    body,
    code: error.json?.data?.code,
    message: error.json?.message,
  };
}

function errorOf(body: string): { code: string | undefined; message: string | undefined } {
  try {
    const parsed = JSON.parse(body) as { error?: { json?: { message?: string; data?: { code?: string } } } };
    return { code: parsed.error?.json?.data?.code, message: parsed.error?.json?.message };
  } catch {
    return { code: undefined, message: undefined };
  }
}

/**
 * A stack frame ("at fn (file.ts:1:2)"), a source location or a `stack` field. Plain "at " is
 * not enough on its own: refusals legitimately say "at most 10 per account".
 */
const STACK = [/\bat\s+[\w$.<>[\] ]*\(?(?:file:\/\/)?\/[\w./-]+:\d+/, /\.(?:ts|js|tsx|mjs):\d+:\d+/, /"stack"\s*:/];
/** SQL or driver text: a query or a SQLite error that escaped. */
const SQL = [/SQLITE/, /LIBSQL/i, /SELECT /, /INSERT /, /UPDATE [\w"]+ SET/, /DELETE FROM/, /no such (?:table|column)/];
/** Every service's private key (its `d`), the auth secret, and the variables' names. */
const SECRETS = [
  ...Object.values(TEST_SERVICE_KEYS.signingKeys).map((k) => (JSON.parse(k) as { d: string }).d),
  BETTER_AUTH_SECRET,
  "BETTER_AUTH_SECRET",
  "SERVICE_SIGNING_KEY",
];

/** What in a response body must never reach a client; empty when the body is clean. */
export function leaksIn(body: string): string[] {
  const found: string[] = [];
  for (const re of STACK) if (re.test(body)) found.push(`stack trace (${re})`);
  for (const re of SQL) if (re.test(body)) found.push(`SQL (${re})`);
  for (const secret of SECRETS) if (body.includes(secret)) found.push(`secret (${secret.slice(0, 12)}…)`);
  return found;
}

/** A valid credential of `caller` (signed with its own test key) for calling `audience`. */
export const serviceToken = (caller: string, audience: string) => testServiceSigner(caller)(audience);
