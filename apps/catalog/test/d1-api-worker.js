/**
 * The test's stand-in for Cloudflare's D1 HTTP API, run in workerd beside the edge worker and
 * bound to the same D1: `POST /client/v4/accounts/:account/d1/database/:database/query` with a
 * bearer token (the shared secret) and `{ batch: [{ sql, params }] }`, run as one D1 batch (one
 * transaction), answered in the API's envelope. Only this database and this token are accepted.
 */
const PATH = /^\/client\/v4\/accounts\/([^/]+)\/d1\/database\/([^/]+)\/query$/;

const answer = (status, body) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const refusal = (status, message) =>
  answer(status, { success: false, errors: [{ message }], messages: [], result: [] });

export default {
  async fetch(request, env) {
    const path = PATH.exec(new URL(request.url).pathname);
    if (!path || request.method !== "POST") return refusal(404, "no such route");
    if (request.headers.get("authorization") !== `Bearer ${env.API_TOKEN}`) return refusal(401, "Authentication error");
    if (path[1] !== env.ACCOUNT_ID || path[2] !== env.DATABASE_ID) return refusal(404, "database not found");
    const body = await request.json();
    const queries = body.batch ?? [body];
    try {
      const results = await env.DB.batch(queries.map((q) => env.DB.prepare(q.sql).bind(...(q.params ?? []))));
      return answer(200, {
        success: true,
        errors: [],
        messages: [],
        result: results.map((r) => ({ results: r.results ?? [], success: r.success, meta: r.meta })),
      });
    } catch (err) {
      return refusal(400, String(err?.message ?? err));
    }
  },
};
