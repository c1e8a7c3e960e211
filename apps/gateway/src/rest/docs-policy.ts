/**
 * The reference page at /api/docs may run scripts and styles from this origin only (Scalar sets
 * inline styles), and its "try it" calls go to this origin, the REST routes themselves. Nothing from
 * any other origin: no CDN, no fonts, no telemetry.
 */
export const DOCS_CSP_DIRECTIVES = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

export function isDocsPage(path: string): boolean {
  return path === "/api/docs" || path === "/api/docs/";
}
