/**
 * Subdivision names for the checkout's state select, where the shop knows them (ISO 3166-2). This
 * is geography, not a tax rule: which countries ask for a subdivision comes from the region's rate
 * table (`needsSubdivision` in @mercato/pricing); a country that needs one but has no list here gets
 * a text field.
 */
const US_STATES: Record<string, string> = {
  AL: "Alabama",
  AK: "Alaska",
  AZ: "Arizona",
  AR: "Arkansas",
  CA: "California",
  CO: "Colorado",
  CT: "Connecticut",
  DE: "Delaware",
  DC: "District of Columbia",
  FL: "Florida",
  GA: "Georgia",
  HI: "Hawaii",
  ID: "Idaho",
  IL: "Illinois",
  IN: "Indiana",
  IA: "Iowa",
  KS: "Kansas",
  KY: "Kentucky",
  LA: "Louisiana",
  ME: "Maine",
  MD: "Maryland",
  MA: "Massachusetts",
  MI: "Michigan",
  MN: "Minnesota",
  MS: "Mississippi",
  MO: "Missouri",
  MT: "Montana",
  NE: "Nebraska",
  NV: "Nevada",
  NH: "New Hampshire",
  NJ: "New Jersey",
  NM: "New Mexico",
  NY: "New York",
  NC: "North Carolina",
  ND: "North Dakota",
  OH: "Ohio",
  OK: "Oklahoma",
  OR: "Oregon",
  PA: "Pennsylvania",
  RI: "Rhode Island",
  SC: "South Carolina",
  SD: "South Dakota",
  TN: "Tennessee",
  TX: "Texas",
  UT: "Utah",
  VT: "Vermont",
  VA: "Virginia",
  WA: "Washington",
  WV: "West Virginia",
  WI: "Wisconsin",
  WY: "Wyoming",
};

const KNOWN: Record<string, Record<string, string>> = { US: US_STATES };

/** The subdivisions of a country as [code, name] pairs sorted by name, or null when not known here. */
export function subdivisionsOf(country: string): [string, string][] | null {
  const list = KNOWN[country.toUpperCase()];
  return list ? Object.entries(list).sort((a, b) => a[1].localeCompare(b[1])) : null;
}

/** What a country calls its subdivisions on a form. */
export function subdivisionLabel(country: string): string {
  return country.toUpperCase() === "US" ? "State" : "State / province";
}
