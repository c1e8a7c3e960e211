// Bundles the service worker (sw/sw.ts, Serwist) into public/sw.js, before `next build` / `next dev`
// (Next serves public/ as it was at build time). Each build gets a new revision, so a deploy's
// browsers install the new worker, which precaches the offline page of that deploy.
//   bun apps/web/scripts/build-sw.ts
import { join } from "node:path";
import { OFFLINE_PATH, PWA_ICONS } from "../lib/pwa.ts";

const WEB = join(import.meta.dir, "..");
const revision = `${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
const precache = ["/manifest.webmanifest", ...PWA_ICONS.map((i) => i.src)];

const result = await Bun.build({
  entrypoints: [join(WEB, "sw/sw.ts")],
  target: "browser",
  format: "esm",
  minify: process.env.NODE_ENV !== "development",
  define: {
    __SW_REVISION__: JSON.stringify(revision),
    __OFFLINE_PATH__: JSON.stringify(OFFLINE_PATH),
    __PRECACHE_URLS__: JSON.stringify(precache),
    "process.env.NODE_ENV": JSON.stringify("production"),
  },
});
if (!result.success) {
  for (const log of result.logs) console.error(log);
  process.exit(1);
}
const [output] = result.outputs;
if (!output) throw new Error("build-sw: no output");
await Bun.write(join(WEB, "public/sw.js"), await output.text());
console.log(`public/sw.js (${Math.round(output.size / 1024)} KB, revision ${revision})`);
