import { can } from "@mercato/access";
import { errorCode } from "@/lib/admin/errors.ts";
import { buildOrderDocument, type DocumentKind, documentFileName } from "@/lib/admin/order-documents.ts";
import { shopDetails } from "@/lib/admin/shop-details.ts";
import { userClient } from "@/lib/server.ts";

export const dynamic = "force-dynamic";

const KINDS: readonly DocumentKind[] = ["invoice", "packing-slip"];

function refuse(status: number, message: string): Response {
  return Response.json({ error: { message } }, { status, headers: { "cache-control": "private, no-store" } });
}

/**
 * `GET /admin/orders/<id>/documents/invoice` and `.../packing-slip`: the order's PDF, for staff
 * holding `orders.read` (identity's verified view of the session's token; orders checks it again
 * on `orders.admin.byId`). A seller gets the packing slip of its own lines only (orders answers a
 * seller its lines alone) and no invoice: the invoice is the shop's, for the whole order (403).
 * Signed out: 401; a customer: 403; an order the caller may not see: 404.
 */
export async function GET(_req: Request, props: { params: Promise<{ id: string; kind: string }> }): Promise<Response> {
  const { id, kind } = await props.params;
  if (!(KINDS as readonly string[]).includes(kind)) return refuse(404, "kind: invoice or packing-slip");
  const documentKind = kind as DocumentKind;
  const { token, client } = await userClient();
  if (!token) return refuse(401, "sign in as staff to print order documents");
  try {
    const access = await client.identity.myAccess.query();
    if (!can(access, "orders.read")) return refuse(403, 'permission: order documents need "orders.read"');
    if (documentKind === "invoice" && access.sellerId) {
      return refuse(403, "permission: invoices are the shop's; a seller prints the packing slip of its lines");
    }
    const { order } = await client.orders.admin.byId.query({ orderId: id });
    const bytes = await buildOrderDocument(documentKind, order, shopDetails());
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${documentFileName(documentKind, order.number)}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (err) {
    const code = errorCode(err);
    if (code === "UNAUTHORIZED") return refuse(401, "sign in as staff to print order documents");
    if (code === "FORBIDDEN") return refuse(403, 'permission: order documents need "orders.read"');
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") return refuse(404, "orderId: no such order");
    throw err;
  }
}
