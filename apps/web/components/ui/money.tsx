import { type Currency, formatMoney } from "@mercato/pricing";

export function Money({ amount, currency, className = "" }: { amount: number; currency: string; className?: string }) {
  return <span className={className}>{formatMoney(amount, currency as Currency)}</span>;
}
