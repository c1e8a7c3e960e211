/** Which default flags an address gets, given what the user asked and whether it is their first. */
export function initialDefaults(
  asked: { isDefaultShipping?: boolean; isDefaultBilling?: boolean },
  isFirstAddress: boolean,
): { isDefaultShipping: boolean; isDefaultBilling: boolean } {
  // A user's first address is where they ship and bill until they say otherwise.
  return {
    isDefaultShipping: asked.isDefaultShipping ?? isFirstAddress,
    isDefaultBilling: asked.isDefaultBilling ?? isFirstAddress,
  };
}
