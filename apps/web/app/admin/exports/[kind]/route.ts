import { can } from "@mercato/access";
import { exportStream, fetchExportPage } from "@/lib/admin/csv-export-pages.ts";
import { CSV_EXPORTS, csvExportFileName, isCsvExportKind } from "@/lib/admin/csv-exports.ts";
import { errorCode } from "@/lib/admin/errors.ts";
import { userClient } from "@/lib/server.ts";

export const dynamic = "force-dynamic";

function refuse(status: number, message: string): Response {
  return Response.json({ error: { message } }, { status, headers: { "cache-control": "private, no-store" } });
}

/**
 * `GET /admin/exports/products` (and `stock`, `orders`, `customers`): the CSV file, streamed page
 * by page from the owning service's export procedure, for staff holding the export's permission
 * (identity's verified view of the session's token, as every admin route; the service checks it
 * again, and scopes a seller to its own products, SKUs and order lines). Signed out: 401; without
 * the permission: 403 naming it; an unknown export: 404.
 */
export async function GET(req: Request, props: { params: Promise<{ kind: string }> }): Promise<Response> {
  const { kind } = await props.params;
  if (!isCsvExportKind(kind)) return refuse(404, `kind: one of ${Object.keys(CSV_EXPORTS).join(", ")}`);
  const { permission } = CSV_EXPORTS[kind];
  const { token, client } = await userClient();
  if (!token) return refuse(401, "sign in as staff to download exports");
  try {
    const access = await client.identity.myAccess.query();
    if (!can(access, permission)) return refuse(403, `permission: the ${kind} export needs "${permission}"`);
    const first = await fetchExportPage(client, kind, null);
    const body = exportStream(first, (cursor) => fetchExportPage(client, kind, cursor), req.signal);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${csvExportFileName(kind)}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (err) {
    const code = errorCode(err);
    if (code === "UNAUTHORIZED") return refuse(401, "sign in as staff to download exports");
    if (code === "FORBIDDEN") return refuse(403, `permission: the ${kind} export needs "${permission}"`);
    throw err;
  }
}
