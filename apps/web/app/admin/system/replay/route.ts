import { SERVICE_NAMES } from "@mercato/registry";
import { replayDeadLetter } from "@/lib/admin/system.ts";
import { settingsToken } from "../access.ts";

export const dynamic = "force-dynamic";

function invalid(field: string, message: string): Response {
  return Response.json({ error: { message, data: { field } } }, { status: 400 });
}

/** `POST /admin/system/replay` `{ service, sequence }`: the service replays its dead letter (settings.write). */
export async function POST(req: Request): Promise<Response> {
  const allowed = await settingsToken();
  if ("refuse" in allowed) return allowed.refuse;
  const input = (await req.json().catch(() => null)) as { service?: unknown; sequence?: unknown } | null;
  const service = input?.service;
  if (typeof service !== "string" || !(SERVICE_NAMES as readonly string[]).includes(service)) {
    return invalid("service", "service: one of the platform's services");
  }
  const sequence = input?.sequence;
  if (typeof sequence !== "number" || !Number.isSafeInteger(sequence) || sequence < 1) {
    return invalid("sequence", "sequence: a positive whole number");
  }
  const { status, body } = await replayDeadLetter(allowed.token, service, sequence);
  return Response.json(body, { status, headers: { "cache-control": "private, no-store" } });
}
