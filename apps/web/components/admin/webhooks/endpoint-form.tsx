"use client";
import { WEBHOOK_EVENT_TYPES, type WebhookEndpoint, type WebhookEventType } from "@mercato/notifications/contract";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import type { FormErrors } from "@/lib/admin/errors.ts";

export interface EndpointDraft {
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  enabled: boolean;
}

export const emptyEndpoint = (): EndpointDraft => ({ url: "", description: "", eventTypes: [], enabled: true });

export const draftOfEndpoint = (e: WebhookEndpoint): EndpointDraft => ({
  url: e.url,
  description: e.description,
  eventTypes: [...e.eventTypes],
  enabled: e.enabled,
});

/** The error of a field the service named (`eventTypes.0` belongs to the event types). */
function fieldError(errors: FormErrors, field: string): string | undefined {
  const key = Object.keys(errors.fields).find((k) => k === field || k.startsWith(`${field}.`));
  return key ? errors.fields[key] : undefined;
}

/** The endpoint form (create and edit): URL, description, the event types, enabled. */
export function EndpointForm({
  initial,
  submitLabel,
  pending,
  errors,
  onSubmit,
}: {
  initial: EndpointDraft;
  submitLabel: string;
  pending: boolean;
  errors: FormErrors;
  onSubmit: (draft: EndpointDraft) => void;
}) {
  const [draft, setDraft] = useState(initial);
  const typesError = fieldError(errors, "eventTypes");
  function save(e: FormEvent) {
    e.preventDefault();
    onSubmit(draft);
  }
  function toggle(type: WebhookEventType, on: boolean) {
    setDraft((d) => ({ ...d, eventTypes: on ? [...d.eventTypes, type] : d.eventTypes.filter((t) => t !== type) }));
  }
  return (
    <form onSubmit={save} noValidate className="space-y-4" aria-label={submitLabel}>
      <Field
        label="Endpoint URL"
        name="url"
        type="url"
        inputMode="url"
        placeholder="https://erp.example.com/hooks/mercato"
        value={draft.url}
        error={fieldError(errors, "url")}
        onChange={(e) => setDraft((d) => ({ ...d, url: e.target.value }))}
      />
      <Field
        label="Description"
        name="description"
        value={draft.description}
        error={fieldError(errors, "description")}
        onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))}
      />
      <fieldset aria-describedby={typesError ? "eventTypes-error" : undefined}>
        <legend className="mb-1 text-sm font-medium text-neutral-700">Event types</legend>
        <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="h-4 w-4 accent-brand-600"
                name="eventTypes"
                value={type}
                checked={draft.eventTypes.includes(type)}
                onChange={(e) => toggle(type, e.target.checked)}
              />
              <code className="text-xs">{type}</code>
            </label>
          ))}
        </div>
        {typesError ? (
          <span id="eventTypes-error" role="alert" className="mt-1 block text-xs text-red-600">
            {typesError}
          </span>
        ) : null}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="h-4 w-4 accent-brand-600"
          name="enabled"
          checked={draft.enabled}
          onChange={(e) => setDraft((d) => ({ ...d, enabled: e.target.checked }))}
        />
        Enabled
      </label>
      {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
      <Button type="submit" disabled={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}

/** A secret shown once (after create or rotate), with how to use it. */
export function SecretNotice({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  return (
    <div role="status" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
      <p className="font-medium text-amber-900">Copy the signing secret now: it is not shown again.</p>
      <code data-testid="webhook-secret" className="block break-all rounded bg-white px-2 py-1 font-mono text-xs">
        {secret}
      </code>
      <p className="text-amber-900">
        Verify each request with a Standard Webhooks library (headers webhook-id, webhook-timestamp, webhook-signature).
      </p>
      <Button variant="secondary" onClick={onDismiss}>
        Done
      </Button>
    </div>
  );
}
