/**
 * What the catalog's multipart upload routes share (staff product images, shoppers' review
 * photos): the signed-in caller checked before the body is read, the body bounded, the `file`
 * field read, and refusals as RFC 9457 problems naming the field.
 */
import { type AuthUser, currentUser, InvalidTokenError, type RouteHelpers } from "@mercato/kit";
import { DomainError } from "@mercato/kit/errors";
import { problem, problemResponse } from "@mercato/kit/rest-problem";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/** Room for the multipart framing and the small text fields around the file. */
const FRAMING_BYTES = 64 * 1024;

/** An RFC 9457 problem naming the field (`<field>: <reason>`), as the REST room answers. */
export function refuse(c: Context, status: number, detail: string, code?: string): Response {
  return problemResponse(
    problem(status, detail, { instance: c.req.path, requestId: c.get("requestId"), ...(code ? { code } : {}) }),
  );
}

/** A domain error from the use case as its problem (400 `file`, 404, 409...); anything else is rethrown. */
export function refuseDomainError(c: Context, err: unknown): Response {
  if (!(err instanceof DomainError)) throw err;
  const status = getHTTPStatusCodeFromError(new TRPCError({ code: err.code }));
  return refuse(c, status, err.message, err.code);
}

/**
 * Verifies the bearer token before the body is read, so a stranger's upload is refused without
 * buffering it: 401 `authorization` without a valid token, or whatever `allow` answers. The kit's
 * `authenticate` keeps the user in the request's store, where `uploaderOf` reads it.
 */
export function uploaderFirst(
  http: RouteHelpers,
  signInHint: string,
  allow: (c: Context, user: AuthUser) => Response | null = () => null,
): MiddlewareHandler {
  return async (c, next) => {
    let user: AuthUser | null;
    try {
      user = await http.authenticate(c.req.raw);
    } catch (err) {
      const reason = err instanceof InvalidTokenError ? "invalid or expired token" : "the token could not be verified";
      return refuse(c, 401, `authorization: ${reason}`);
    }
    if (!user) return refuse(c, 401, `authorization: ${signInHint}`);
    const refused = allow(c, user);
    if (refused) return refused;
    await next();
  };
}

/** The signed-in user `uploaderFirst` let through (a route without it has none: a bug, thrown). */
export function uploader(): AuthUser {
  const user = currentUser();
  if (!user) throw new Error("upload route without uploaderFirst");
  return user;
}

/** Bounds the body to a file of `maxFileBytes` plus its framing (413 naming `file` over it). */
export function boundedBody(maxFileBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxFileBytes + FRAMING_BYTES,
    onError: (c) => refuse(c, 413, `file: larger than the ${maxFileBytes} bytes allowed`),
  });
}

/**
 * The multipart form and its `file` (its size checked against `maxFileBytes` again, since the
 * body bound counts the framing too), or the refusal to answer: 415 not multipart, 400 unreadable
 * or no `file`, 413 too large.
 */
export async function readUploadForm(
  c: Context,
  maxFileBytes: number,
): Promise<{ form: FormData; file: File; text(name: string): string | undefined } | Response> {
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
  if (file.size > maxFileBytes) return refuse(c, 413, `file: larger than the ${maxFileBytes} bytes allowed`);
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  return { form, file, text };
}

/** The first issue of a failed zod parse of the text fields, as a 400 naming its field. */
export function refuseFields(c: Context, issues: { path: PropertyKey[]; message: string }[]): Response {
  const issue = issues[0];
  return refuse(c, 400, `${String(issue?.path[0] ?? "body")}: ${issue?.message ?? "invalid"}`);
}
