import { clearCartCookies, isSecureRequest, orderCookie } from "../../../lib/token-cookies.ts";

export const dynamic = "force-dynamic";

/**
 * The guest-token cookies the browser's scripts cannot write themselves (they are HttpOnly):
 * `POST { orderId, token }` keeps an order's access token that arrived in a link's fragment
 * (`/account/orders/<id>#token=...`, never sent to a server) or in this browser's old
 * localStorage; `DELETE` forgets the guest cart (merged at sign-in, or gone). Same-origin only, so
 * another site cannot plant an order in, or empty the cart of, a shopper's browser.
 */
function sameOrigin(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  // Without Fetch Metadata (old browsers): the Origin must name the host the shopper asked for.
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

const refused = () => Response.json({ error: { message: "cross-site request refused" } }, { status: 403 });

export async function POST(req: Request): Promise<Response> {
  if (!sameOrigin(req)) return refused();
  const body = (await req.json().catch(() => null)) as { orderId?: unknown; token?: unknown } | null;
  const set =
    typeof body?.orderId === "string" && typeof body.token === "string"
      ? orderCookie(body.orderId, body.token, isSecureRequest(req))
      : undefined;
  if (!set) {
    return Response.json(
      { error: { message: "orderId and token: expected an order id and its access token" } },
      {
        status: 400,
      },
    );
  }
  return new Response(null, { status: 204, headers: { "set-cookie": set, "cache-control": "no-store" } });
}

export function DELETE(req: Request): Response {
  if (!sameOrigin(req)) return refused();
  const headers = new Headers({ "cache-control": "no-store" });
  for (const c of clearCartCookies(isSecureRequest(req))) headers.append("set-cookie", c);
  return new Response(null, { status: 204, headers });
}
