import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

/**
 * How hard a password is to guess, by zxcvbn (scores 0–4: 3 is "safely unguessable" against an
 * online attack with some throttling, what most sites ask). A length rule alone lets `12345678`
 * and `password1` through; zxcvbn knows the common passwords, keyboard walks, dates and repeats.
 */
export const DEFAULT_PASSWORD_MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
/** Built on first use: the dictionaries take about 100 ms to load, once per process. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/**
 * Why the password is too weak, as a sentence naming `password`, or null when it scores at least
 * `minScore`. `userInputs` (the email, the name) count as guessable words: `ann.smith1` is weak
 * for Ann Smith.
 */
export async function passwordWeakness(
  password: string,
  minScore: number,
  userInputs: string[] = [],
): Promise<string | null> {
  if (minScore <= 0) return null;
  const inputs = userInputs.flatMap((s) => [s, ...s.split(/[@.\s_+-]+/)]).filter((s) => s.length >= 3);
  const result = await estimator().checkAsync(password, inputs);
  if (result.score >= minScore) return null;
  const hint = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(" ");
  return `password: this password is too easy to guess.${hint ? ` ${hint}` : " Use a few uncommon words together."}`;
}
