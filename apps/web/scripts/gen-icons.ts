// Renders the PWA icons (public/icons/*.png) from app/icon.svg in Chromium, so the installed app,
// the favicon and the manifest show one mark. Run after changing the logo:
//   bun apps/web/scripts/gen-icons.ts
// "any" icons are the logo as it is (rounded square); "maskable" ones fill the whole square with the
// brand colour and keep the mark inside the 80% safe zone a launcher's mask may crop to.
import { readFileSync } from "node:fs";
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
} finally {
  await browser.close();
}
