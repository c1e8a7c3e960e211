/**
 * A tRPC batch as the fetch adapter reads it: `/trpc/a,b,c?batch=1` with the inputs keyed by
 * position (`{"0": ..., "2": ...}`), in the `input` query parameter (GET) or the JSON body (POST).
 * The gateway may forward only some of its calls and answer the others itself, at their positions.
 */

/** The inputs of a batch by position; undefined when they are not a JSON object (tRPC refuses those). */
export function parseBatchInputs(raw: string | null | undefined): Record<string, unknown> | undefined {
  if (raw === null || raw === undefined || raw === "") return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The inputs of the calls kept, renumbered from 0 in the order kept. */
export function keepInputs(inputs: Record<string, unknown>, kept: readonly number[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  kept.forEach((from, to) => {
    if (Object.hasOwn(inputs, String(from))) out[String(to)] = inputs[String(from)];
  });
  return out;
}

/**
 * The path and query that ask the service for the kept calls only: the procedures kept, and for a
 * GET the kept inputs in `input` (a POST carries them in its body). Other query parameters stay.
 */
export function keptTarget(
  url: URL,
  procedures: readonly string[],
  kept: readonly number[],
  inputs: Record<string, unknown>,
  method: string,
): string {
  const search = new URLSearchParams(url.search);
  if (method === "GET") search.set("input", JSON.stringify(keepInputs(inputs, kept)));
  const path = kept.map((i) => encodeURIComponent(procedures[i] ?? "")).join(",");
  return `/trpc/${path}?${search.toString()}`;
}

/**
 * The whole batch's answer: the service's entries for the calls it ran, and the gateway's own
 * error entries for the others, each at its call's position. Undefined when the service's answer
 * is not one entry per call it was sent (then it is passed on as it is).
 */
export function mergeBatchAnswer(
  total: number,
  kept: readonly number[],
  upstream: unknown,
  refusal: (index: number) => unknown,
): unknown[] | undefined {
  if (!Array.isArray(upstream) || upstream.length !== kept.length) return undefined;
  const out: unknown[] = [];
  const byPosition = new Map(kept.map((from, i) => [from, upstream[i]]));
  for (let i = 0; i < total; i++) out.push(byPosition.has(i) ? byPosition.get(i) : refusal(i));
  return out;
}
