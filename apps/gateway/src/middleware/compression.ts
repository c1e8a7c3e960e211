import type { Compressor } from "../compression/compressor.ts";
import type { GatewayMiddleware } from "../context.ts";
import { isCompressibleType, varyOnAcceptEncoding } from "../domain/content-coding.ts";

/** Statuses whose body is absent or a byte range of another representation. */
const UNCOMPRESSED_STATUSES = new Set([204, 206, 304]);

/**
 * Compresses the answers that did not come from the cache (which stores its codings itself):
 * JSON, HTML and other text at least the threshold long, in the coding the client accepts. Left
 * alone: event streams and tRPC's JSON-lines batches (streamed as they are produced, so never
 * buffered), answers already coded, `no-transform` ones, HEAD, and bodies below the threshold.
 *
 * A strong ETag from the service names its identity bytes; the coded answer carries it weakened
 * (`W/`), which still revalidates with a weak comparison, as nginx does.
 */
export function compressionMiddleware(deps: { compressor: Compressor }): GatewayMiddleware {
  const { compressor } = deps;
  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === "HEAD" || UNCOMPRESSED_STATUSES.has(res.status) || res.status < 200) return;
    const contentType = res.headers.get("content-type");
    if (!isCompressibleType(contentType) || res.headers.has("content-encoding")) return;
    if (res.headers.get("cache-control")?.toLowerCase().includes("no-transform")) return;
    if (c.req.header("trpc-accept")?.includes("jsonl")) return;
    varyOnAcceptEncoding(res.headers);
    const length = res.headers.get("content-length");
    if (length !== null && compressor.tooSmall(Number(length))) return;
    const acceptEncoding = c.req.header("accept-encoding") ?? null;
    // Known-short and identity-only answers stay streams; only a coded answer is read whole.
    if (compressor.codingFor(acceptEncoding, contentType, Number.POSITIVE_INFINITY) === "identity") return;
    const body = new Uint8Array(await res.arrayBuffer());
    const coding = compressor.codingFor(acceptEncoding, contentType, body.byteLength);
    const headers = new Headers(res.headers);
    let out: Uint8Array<ArrayBuffer> = body;
    if (coding !== "identity") {
      out = compressor.compress(body, coding);
      headers.set("content-encoding", coding);
      const etag = headers.get("etag");
      if (etag && !etag.startsWith("W/")) headers.set("etag", `W/${etag}`);
    }
    headers.set("content-length", String(out.byteLength));
    // Set directly: Hono would merge the old answer's headers (its Content-Length) onto the new.
    c.res = undefined;
    c.res = new Response(out, { status: res.status, statusText: res.statusText, headers });
  };
}
