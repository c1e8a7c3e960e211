/**
 * Placeholder product images drawn locally as SVG: a colour derived from the name (so it is the
 * same on every machine and every start) and the name's initials.
 */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function initials(name: string): string {
  const parts = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const letters = parts.length >= 2 ? `${parts[0]![0]}${parts[1]![0]}` : (parts[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

export function placeholderSvg(name: string): string {
  const h = hash(name);
  const hue = h % 360;
  const background = `hsl(${hue} 55% 78%)`;
  const foreground = `hsl(${hue} 45% 28%)`;
  const text = escapeXml(initials(name));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800" role="img" aria-label="${escapeXml(name)}">`,
    `<rect width="800" height="800" fill="${background}"/>`,
    `<circle cx="400" cy="400" r="${200 + (h % 80)}" fill="${foreground}" fill-opacity="0.12"/>`,
    `<text x="400" y="400" dy="0.35em" text-anchor="middle" font-family="system-ui, sans-serif" font-size="240" font-weight="600" fill="${foreground}">${text}</text>`,
    "</svg>",
  ].join("");
}
