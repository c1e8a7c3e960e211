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

/** The response unchanged when it is a success or already JSON; else the same status and headers with a JSON body. */
export async function asJsonError(res: Response): Promise<Response> {
  if (res.status < 400) return res;
  const type = res.headers.get("content-type") ?? "";
  const text = await res.text();
  if (/^application\/([a-z0-9.+-]*\+)?json/i.test(type) && text.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object") return rebuild(res, text);
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
