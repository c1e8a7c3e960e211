import Link from "next/link";

/** Beside the pay button: paying accepts the shop's terms (#21). Opens the pages in a new tab, so the payment form stays. */
export function LegalConsentNote() {
  const link = "text-brand-700 underline";
  return (
    <p className="mt-3 text-xs text-neutral-600" data-testid="legal-consent">
      By paying you accept our{" "}
      <Link className={link} href="/legal/terms" target="_blank" rel="noopener">
        terms and conditions
      </Link>{" "}
      and have read our{" "}
      <Link className={link} href="/legal/privacy" target="_blank" rel="noopener">
        privacy policy
      </Link>{" "}
      and{" "}
      <Link className={link} href="/legal/returns" target="_blank" rel="noopener">
        returns policy
      </Link>
      .
    </p>
  );
}
