// Renders the PWA icons (public/icons/*.png) and public/favicon.ico from app/icon.svg in Chromium, so
// the installed app, the favicon and the manifest show one mark. Run after changing the logo:
//   bun apps/web/scripts/gen-icons.ts
// "any" icons are the logo as it is (rounded square); "maskable" ones fill the whole square with the
// brand colour and keep the mark inside the 80% safe zone a launcher's mask may crop to.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const WEB = join(import.meta.dir, "..");
const svg = readFileSync(join(WEB, "app/icon.svg"), "utf8");
const BRAND = svg.match(/fill="(#[0-9a-f]{6})"/i)?.[1] ?? "#3c49cf";
// The mark alone: the logo's path(s) without its background square.
const mark = svg.replace(/<title>.*?<\/title>/, "").replace(/<rect[^>]*\/>/, "");

function page(size: number, maskable: boolean): string {
  const body = maskable
    ? `<div style="width:${size}px;height:${size}px;background:${BRAND};display:grid;place-items:center">
         <div style="width:${Math.round(size * 0.72)}px;height:${Math.round(size * 0.72)}px">${mark.replace("<svg ", '<svg width="100%" height="100%" ')}</div>
       </div>`
    : `<div style="width:${size}px;height:${size}px">${svg.replace("<svg ", '<svg width="100%" height="100%" ')}</div>`;
  return `<!doctype html><html><body style="margin:0;background:transparent">${body}</body></html>`;
}

/**
 * An .ico holding `pngs` as they are (PNG entries, read by every browser since IE Vista). Pages name
 * app/icon.svg, but a browser still asks for /favicon.ico when it finds no icon link in <head> at
 * load (Chromium does whenever Next streams the metadata after the shell, so the link lands in the
 * body): without this file that is a 404 in the console.
 */
function ico(pngs: { size: number; bytes: Uint8Array }[]): Uint8Array {
  const header = 6 + 16 * pngs.length;
  const out = new Uint8Array(header + pngs.reduce((n, p) => n + p.bytes.length, 0));
  const view = new DataView(out.buffer);
  view.setUint16(2, 1, true); // type: icon
  view.setUint16(4, pngs.length, true);
  let offset = header;
  pngs.forEach(({ size, bytes }, i) => {
    const entry = 6 + 16 * i;
    view.setUint8(entry, size % 256); // width, 0 meaning 256
    view.setUint8(entry + 1, size % 256);
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, bytes.length, true);
    view.setUint32(entry + 12, offset, true);
    out.set(bytes, offset);
    offset += bytes.length;
  });
  return out;
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox"] });
try {
  for (const [size, maskable] of [
    [192, false],
    [512, false],
    [192, true],
    [512, true],
  ] as const) {
    const p = await browser.newPage({ viewport: { width: size, height: size } });
    await p.setContent(page(size, maskable));
    const name = `icon-${maskable ? "maskable-" : ""}${size}.png`;
    await p.screenshot({ path: join(WEB, "public/icons", name), omitBackground: true });
    await p.close();
    console.log(`public/icons/${name}`);
  }
  const favicons: { size: number; bytes: Uint8Array }[] = [];
  for (const size of [16, 32, 48]) {
    const p = await browser.newPage({ viewport: { width: size, height: size } });
    await p.setContent(page(size, false));
    favicons.push({ size, bytes: new Uint8Array(await p.screenshot({ omitBackground: true })) });
    await p.close();
  }
  writeFileSync(join(WEB, "public/favicon.ico"), ico(favicons));
  console.log("public/favicon.ico");
} finally {
  await browser.close();
}
