import type { ReactNode } from "react";
import { storefrontLinks } from "../domain/links.ts";
import type { EmailConfig } from "./template.ts";

// Inline styles only: most mail clients drop <style> blocks and external CSS.
const page = { margin: 0, padding: "24px 0", backgroundColor: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif" };
const card = { maxWidth: 560, margin: "0 auto", backgroundColor: "#ffffff", padding: 32, color: "#18181b" };
const brand = { fontSize: 20, fontWeight: 700, color: "#18181b", textDecoration: "none" };
const footer = { maxWidth: 560, margin: "16px auto 0", fontSize: 12, color: "#71717a", textAlign: "center" as const };

export function Layout(props: { config: EmailConfig; title: string; children: ReactNode }) {
  const links = storefrontLinks(props.config.storefrontUrl);
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
      </head>
      <body style={page}>
        <div style={card}>
          <a href={links.home} style={brand}>
            {props.config.shopName}
          </a>
          <h1 style={{ fontSize: 22, margin: "24px 0 16px" }}>{props.title}</h1>
          {props.children}
        </div>
        <p style={footer}>
          {props.config.shopName} · <a href={links.home}>{links.home}</a>
        </p>
      </body>
    </html>
  );
}

export function Paragraph(props: { children: ReactNode }) {
  return <p style={{ fontSize: 15, lineHeight: "24px", margin: "0 0 16px" }}>{props.children}</p>;
}

export function Button(props: { href: string; children: ReactNode }) {
  return (
    <p style={{ margin: "24px 0" }}>
      <a
        href={props.href}
        style={{
          display: "inline-block",
          padding: "12px 20px",
          backgroundColor: "#18181b",
          color: "#ffffff",
          textDecoration: "none",
          borderRadius: 6,
          fontWeight: 600,
        }}
      >
        {props.children}
      </a>
    </p>
  );
}

/** The plain-text twin of Layout: the same title, body and footer. */
export function textLayout(config: EmailConfig, title: string, body: string[]): string {
  const links = storefrontLinks(config.storefrontUrl);
  return [config.shopName, "", title, "", ...body, "", "--", `${config.shopName} · ${links.home}`, ""].join("\n");
}
