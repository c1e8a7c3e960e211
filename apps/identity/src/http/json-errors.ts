/**
 * Every error from identity's HTTP surface is JSON naming the problem: better-auth answers some
 * 401/404s (no session at /token, a disabled path, an unknown route) with an empty or plain-text
 * body, which clients cannot tell apart from a proxy's page.
 */
const CODES: Record<number, [code: string, message: string]> = {
  400: ["BAD_REQUEST", "The request is malformed"],
  401: ["UNAUTHORIZED", "Sign in first: no valid session"],
  403: ["FORBIDDEN", "Not allowed"],
  404: ["NOT_FOUND", "No such auth endpoint"],
  405: ["METHOD_NOT_ALLOWED", "Method not allowed on this auth endpoint"],
  415: ["UNSUPPORTED_MEDIA_TYPE", "Send JSON (application/json)"],
  429: ["TOO_MANY_REQUESTS", "Too many attempts"],
};

export function jsonError(status: number, code: string, message: string, field?: string): Response {
  return Response.json({ code, message, ...(field ? { field } : {}) }, { status });
}

/** better-auth's codes for a page address it does not trust (its CSRF defence). */
const ORIGIN_REFUSALS = new Set(["INVALID_ORIGIN", "MISSING_OR_NULL_ORIGIN"]);

/** The page address a browser request came from (Origin, else Referer), bounded for echoing back. */
function pageAddress(req: Request | undefined): string | null {
  const raw = req?.headers.get("origin") || req?.headers.get("referer");
  if (!raw || raw === "null") return null;
  try {
    return new URL(raw).origin.slice(0, 200);
  } catch {
    return raw.slice(0, 200);
  }
}

/**
 * better-auth answers an untrusted origin with "Invalid origin": a shopper who opened the shop at
 * an address the shop was not configured for reads that as a broken site. The same 403 says what
 * happened and names the address (`field: "origin"`).
 */
function originRefusal(res: Response, req: Request | undefined): Response {
  const address = pageAddress(req);
  const message = address
    ? `This page's address (${address}) is not one this shop accepts sign-ins from. Open the shop at its usual address and try again.`
    : "This request does not say which page it came from, so the shop cannot accept it as a sign-in. Open the shop in a browser and try again.";
  const headers = new Headers(res.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify({ code: "INVALID_ORIGIN", message, field: "origin" }), {
    status: res.status,
    headers,
  });
}

/**
 * The response unchanged when it is a success or already JSON; else the same status and headers
 * with a JSON body. `req` is the request it answers, so an origin refusal can name the address.
 */
export async function asJsonError(res: Response, req?: Request): Promise<Response> {
  if (res.status < 400) return res;
  const type = res.headers.get("content-type") ?? "";
  const text = await res.text();
  if (/^application\/([a-z0-9.+-]*\+)?json/i.test(type) && text.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object") {
        const code = (parsed as { code?: unknown }).code;
        if (res.status === 403 && typeof code === "string" && ORIGIN_REFUSALS.has(code)) return originRefusal(res, req);
        return rebuild(res, text);
      }
    } catch {
      // fall through: a JSON content type with a body that is not JSON
    }
  }
  const [code, fallback] = CODES[res.status] ?? [
    res.status >= 500 ? "INTERNAL_SERVER_ERROR" : "ERROR",
    "Request failed",
  ];
  const plain = text.trim();
  // A short plain-text reason (better-auth's "Not Found") is kept; an HTML page or a long text is not.
  const message = plain && plain.length <= 200 && !plain.startsWith("<") ? plain : fallback;
  const headers = new Headers(res.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify({ code, message }), { status: res.status, headers });
}

function rebuild(res: Response, text: string): Response {
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return new Response(text, { status: res.status, headers });
}
