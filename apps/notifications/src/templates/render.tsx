import { renderToStaticMarkup } from "react-dom/server";
import type { MessageKind } from "../contract.ts";
import type { EmailConfig, EmailTemplate } from "./template.ts";

export interface RenderedEmail {
  template: MessageKind;
  subject: string;
  html: string;
  text: string;
}

/** Renders a template to the subject, HTML document and plain text of one email. */
export function renderEmail<P>(template: EmailTemplate<P>, data: P, config: EmailConfig): RenderedEmail {
  const { Body } = template;
  return {
    template: template.name,
    subject: template.subject(data, config),
    html: `<!DOCTYPE html>${renderToStaticMarkup(<Body data={data} config={config} />)}`,
    text: template.text(data, config),
  };
}
