import { errorData, fieldErrors, isNetworkFailure } from "../errors.ts";

export { errorCode } from "../errors.ts";

/**
 * A failed admin call split for a form: reasons for the fields it names (read from the error's
 * data, see lib/errors.ts), and the rest for the form as a whole.
 */
export interface FormErrors {
  form: string | null;
  fields: Record<string, string>;
}

export function errorMessage(err: unknown): string {
  if (isNetworkFailure(err)) return "The platform could not be reached.";
  if (err instanceof Error && err.message) return err.message;
  return "Something went wrong.";
}

export function formErrors(err: unknown): FormErrors {
  const fields = fieldErrors(err);
  if (Object.keys(fields).length === 0) return { form: errorMessage(err), fields };
  // A schema failure keeps its summary for the form, as it may name several fields; a refusal is
  // about its one field and is shown there.
  return { form: errorData(err).issues?.length ? errorMessage(err) : null, fields };
}

export const noErrors: FormErrors = { form: null, fields: {} };
