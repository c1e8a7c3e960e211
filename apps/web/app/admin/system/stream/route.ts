import { systemSnapshot } from "@/lib/admin/system.ts";
import { settingsToken } from "../access.ts";

export const dynamic = "force-dynamic";

const POLL_MS = 2_000;

/**
 * `GET /admin/system/stream`: server-sent events, one `snapshot` of every service's health and
 * the gateway's breakers every ~2 s, for staff with `settings.write`. A service that does not
 * answer is marked down in the snapshot; the stream itself never fails on it.
 */
export async function GET(req: Request): Promise<Response> {
  const allowed = await settingsToken();
  if ("refuse" in allowed) return allowed.refuse;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
          return true;
        } catch {
          return false;
        }
      };
      while (!req.signal.aborted) {
        const snapshot = await systemSnapshot(allowed.token).catch(() => null);
        if (snapshot && !send(`event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`)) break;
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, POLL_MS);
          req.signal.addEventListener("abort", () => {
            clearTimeout(timer);
            resolve(undefined);
          });
        });
      }
      try {
        controller.close();
      } catch {
        // already closed by the client going away
      }
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "private, no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
