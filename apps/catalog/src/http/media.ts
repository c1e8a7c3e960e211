import { can } from "@mercato/access";
import type { RouteHelpers } from "@mercato/kit";
import { MEDIA_UPLOAD_MAX_BYTES } from "@mercato/registry";
import type { Hono } from "hono";
import { uploadProductImage } from "../app/product-images.ts";
import { uploadReviewPhoto } from "../app/review-photos.ts";
import { uploadImageFields } from "../contract-images.ts";
import { REVIEW_LIMITS, reviewPhotoFields } from "../contract-reviews.ts";
import type { CatalogDeps } from "../deps.ts";
import { parseMediaPath, UPLOADS_PREFIX } from "../domain/image-media.ts";
import { placeholderSvg } from "../domain/placeholder-image.ts";
import {
  boundedBody,
  readUploadForm,
  refuse,
  refuseDomainError,
  refuseFields,
  uploader,
  uploaderFirst,
} from "./upload-form.ts";

/** A stored upload never changes (its key is its content's hash): cached for a year, never revalidated. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const UPLOAD_PERMISSION = "catalog.write";

/**
 * `/media/`: the catalog's images.
 * - `GET /media/<name>.svg`: a placeholder drawn from the name, for products without images.
 * - `GET /media/products/<sha256>/<original.ext | width.webp | width.avif>`: an upload's stored
 *   copies (product images and review photos alike: the keys are the content's hash).
 * - `POST /media/products/<productId>/images`: a staff upload (multipart: `file`, `alt`, `sku`).
 * - `POST /media/reviews/photos`: a signed-in shopper's review photo (multipart: `file`, `alt`).
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
    uploaderFirst(http, "sign in as staff to upload images", (c, user) =>
      can(user, UPLOAD_PERMISSION)
        ? null
        : refuse(c, 403, `permission: uploading images needs the permission "${UPLOAD_PERMISSION}"`),
    ),
    boundedBody(MEDIA_UPLOAD_MAX_BYTES),
    async (c) => {
      const read = await readUploadForm(c, MEDIA_UPLOAD_MAX_BYTES);
      if (read instanceof Response) return read;
      const fields = uploadImageFields.safeParse({ alt: read.text("alt"), sku: read.text("sku") });
      if (!fields.success) return refuseFields(c, fields.error.issues);
      try {
        const image = await uploadProductImage(
          deps,
          {
            productId: c.req.param("productId"),
            bytes: new Uint8Array(await read.file.arrayBuffer()),
            fields: fields.data,
          },
          { correlationId: c.get("requestId") },
        );
        return c.json(image, 201, { "cache-control": "no-store" });
      } catch (err) {
        return refuseDomainError(c, err);
      }
    },
  );

  // Any signed-in shopper; the gateway counts it as a write of theirs (per address and per user).
  app.post(
    "/media/reviews/photos",
    uploaderFirst(http, "sign in to add photos to a review"),
    boundedBody(REVIEW_LIMITS.photoBytes),
    async (c) => {
      const read = await readUploadForm(c, REVIEW_LIMITS.photoBytes);
      if (read instanceof Response) return read;
      const fields = reviewPhotoFields.safeParse({ alt: read.text("alt") });
      if (!fields.success) return refuseFields(c, fields.error.issues);
      try {
        const photo = await uploadReviewPhoto(deps, uploader().id, {
          bytes: new Uint8Array(await read.file.arrayBuffer()),
          fields: fields.data,
        });
        return c.json(photo, 201, { "cache-control": "no-store" });
      } catch (err) {
        return refuseDomainError(c, err);
      }
    },
  );
}
