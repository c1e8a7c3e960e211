import type { ReactElement } from "react";
import type { MessageKind } from "../contract.ts";

/** What every template may use besides its own data. */
export interface EmailConfig {
  shopName: string;
  storefrontUrl: string;
}

/**
 * One email: a subject, an HTML body as a React component and a plain-text body, all from the
 * same props so the two renderings never say different things.
 */
export interface EmailTemplate<P> {
  name: MessageKind;
  subject(props: P, config: EmailConfig): string;
  Body(props: { data: P; config: EmailConfig }): ReactElement;
  text(props: P, config: EmailConfig): string;
}

export function defineTemplate<P>(template: EmailTemplate<P>): EmailTemplate<P> {
  return template;
}
