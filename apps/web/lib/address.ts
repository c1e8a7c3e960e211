/** A postal address as it is printed, one string a line; a missing second line (or phone) is left out. */
export interface PostalAddress {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  postalCode: string;
  country: string;
  phone?: string | null;
}

export function addressLines(address: PostalAddress, { phone = false }: { phone?: boolean } = {}): string[] {
  const { name, line1, line2, city, postalCode, country } = address;
  const lines = [name, line1, line2, `${postalCode} ${city}, ${country}`, phone ? address.phone : null];
  return lines.filter((line): line is string => Boolean(line));
}
