import { can } from "@mercato/access";
import { InvalidTokenError, type RouteHelpers } from "@mercato/kit";
import { DomainError } from "@mercato/kit/errors";
import { problem, problemResponse } from "@mercato/kit/rest-problem";
import { MEDIA_UPLOAD_MAX_BYTES } from "@mercato/registry";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { uploadProductImage } from "../app/product-images.ts";
import { uploadImageFields } from "../contract-images.ts";
import type { CatalogDeps } from "../deps.ts";
import { parseMediaPath, UPLOADS_PREFIX } from "../domain/image-media.ts";
import { placeholderSvg } from "../domain/placeholder-image.ts";

/** A stored upload never changes (its key is its content's hash): cached for a year, never revalidated. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const UPLOAD_PERMISSION = "catalog.write";

/**
 * `/media/`: the catalog's images.
 * - `GET /media/<name>.svg`: a placeholder drawn from the name, for products without images.
 * - `GET /media/products/<sha256>/<original.ext | width.webp | width.avif>`: an upload's stored copies.
 * - `POST /media/products/<productId>/images`: a staff upload (multipart: `file`, `alt`, `sku`).
 */
export function mediaRoutes(app: Hono, deps: CatalogDeps, http: RouteHelpers): void {
  app.get("/media/:file{[a-z0-9][a-z0-9-]{0,119}\\.svg}", (c) => {
    const name = c.req.param("file").replace(/\.svg$/, "");
    const title = name.replace(/-/g, " ").replace(/\b\w/g, (ch) => ch.toUpperCase());
    return c.body(placeholderSvg(title), 200, {
      "content-type": "image/svg+xml; charset=utf-8",
      "cache-control": "public, max-age=86400, immutable",
    });
  });

  app.get(`/media/${UPLOADS_PREFIX}:hash/:file`, async (c) => {
    const wanted = parseMediaPath(`${UPLOADS_PREFIX}${c.req.param("hash")}/${c.req.param("file")}`);
    const stored = wanted ? await deps.media.get(wanted.key) : null;
    if (!wanted || !stored) return refuse(c, 404, "path: no such image");
    return c.body(stored.bytes, 200, {
      "content-type": wanted.contentType,
      "cache-control": IMMUTABLE,
      "x-content-type-options": "nosniff",
    });
  });

  app.post(
    `/media/${UPLOADS_PREFIX}:productId/images`,
    // Who asks comes before reading the body: a stranger's upload is refused without buffering it.
    async (c, next) => {
      let user: Awaited<ReturnType<RouteHelpers["authenticate"]>>;
      try {
        user = await http.authenticate(c.req.raw);
      } catch (err) {
        const reason =
          err instanceof InvalidTokenError ? "invalid or expired token" : "the token could not be verified";
        return refuse(c, 401, `authorization: ${reason}`);
      }
      if (!user) return refuse(c, 401, "authorization: sign in as staff to upload images");
      if (!can(user, UPLOAD_PERMISSION)) {
        return refuse(c, 403, `permission: uploading images needs the permission "${UPLOAD_PERMISSION}"`);
      }
      await next();
    },
    bodyLimit({
      // The file plus its multipart framing; the file alone is checked against the limit again below.
      maxSize: MEDIA_UPLOAD_MAX_BYTES + 64 * 1024,
      onError: (c) => refuse(c, 413, `file: larger than the ${MEDIA_UPLOAD_MAX_BYTES} bytes allowed`),
    }),
    async (c) => {
      const type = c.req.header("content-type") ?? "";
      if (!type.toLowerCase().startsWith("multipart/form-data")) {
        return refuse(c, 415, "content-type: send the image as multipart/form-data");
      }
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch {
        return refuse(c, 400, "body: not a readable multipart form");
      }
      const file = form.get("file");
      if (!(file instanceof File)) return refuse(c, 400, "file: attach the image as the form field `file`");
      if (file.size > MEDIA_UPLOAD_MAX_BYTES) {
        return refuse(c, 413, `file: larger than the ${MEDIA_UPLOAD_MAX_BYTES} bytes allowed`);
      }
      const text = (name: string) => {
        const v = form.get(name);
        return typeof v === "string" && v !== "" ? v : undefined;
      };
      const fields = uploadImageFields.safeParse({ alt: text("alt"), sku: text("sku") });
      if (!fields.success) {
        const issue = fields.error.issues[0];
        const field = String(issue?.path[0] ?? "body");
        return refuse(c, 400, `${field}: ${issue?.message ?? "invalid"}`);
      }
      try {
        const image = await uploadProductImage(
          deps,
          { productId: c.req.param("productId"), bytes: new Uint8Array(await file.arrayBuffer()), fields: fields.data },
          { correlationId: c.get("requestId") },
        );
        return c.json(image, 201, { "cache-control": "no-store" });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        const status = getHTTPStatusCodeFromError(new TRPCError({ code: err.code }));
        return refuse(c, status, err.message, err.code);
      }
    },
  );
}

/** An RFC 9457 problem naming the field (`<field>: <reason>`), as the REST room answers. */
function refuse(c: Context, status: number, detail: string, code?: string): Response {
  return problemResponse(
    problem(status, detail, { instance: c.req.path, requestId: c.get("requestId"), ...(code ? { code } : {}) }),
  );
}
