import { GiftCardManager } from "@/components/admin/gift-cards/gift-card-manager.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";

export const metadata = { title: "Gift cards" };

export default function GiftCardsPage() {
  return (
    <>
      <PageHeader
        title="Gift cards"
        description="Every change to a card's balance is in its ledger, with who made it and why."
      />
      <GiftCardManager />
    </>
  );
}
