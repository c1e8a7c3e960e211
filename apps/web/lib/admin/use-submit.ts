"use client";
import { type QueryFilters, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type FormErrors, formErrors, noErrors } from "./errors.ts";

/**
 * After a write: marks every cached query under the given tRPC filters stale (`pathFilter()`),
 * refetching what is on screen, and resolves once they are fresh.
 */
export function useRefresh(...filters: QueryFilters[]): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(filters.map((filter) => queryClient.invalidateQueries(filter)));
  };
}

/**
 * A form's errors and its one way to send: `submit(action, fields)` shows `fields` (the problems
 * found before sending) if there are any, else runs `action` and shows the service's refusal, if
 * any, on the fields it names. Resolves whether the action ran to the end.
 */
export function useSubmit() {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  async function submit(
    action: () => Promise<unknown>,
    fields: Record<string, string> = {},
    summary: string | null = null,
  ): Promise<boolean> {
    if (Object.keys(fields).length > 0) {
      setErrors({ form: summary, fields });
      return false;
    }
    setErrors(noErrors);
    try {
      await action();
      return true;
    } catch (failure) {
      setErrors(formErrors(failure));
      return false;
    }
  }
  return { errors, submit, clearErrors: () => setErrors(noErrors) };
}
