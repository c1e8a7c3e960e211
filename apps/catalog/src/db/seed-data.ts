import type { Currency, SaveRegionInput, TaxClass, VariantPrice } from "../contract.ts";

/**
 * The demo shop: two-level categories, 48 products with size/colour variants and a few books
 * (reduced tax class), every variant priced in EUR, GBP and USD and weighed; and the three demo
 * regions (Europe, United Kingdom, United States). One module so the seed, the tests and the edge
 * test all use the same data.
 */
export interface DemoCategory {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  position: number;
}

export interface DemoProduct {
  slug: string;
  title: string;
  brand: string;
  description: string;
  categorySlugs: string[];
  attributes: Record<string, string>;
  /** Price in minor units (EUR) of every variant; `compareAt` marks a sale. */
  price: number;
  compareAt: number | null;
  /** The values of the first option (colours; a book's formats). */
  colours: string[];
  sizes: string[];
  /** The first option's name: "colour", or "format" for books. */
  optionName: string;
  taxClass: TaxClass;
  /** What one variant weighs, for weight-tiered shipping. */
  weightGrams: number;
}

const top = (slug: string, name: string, position: number): DemoCategory => ({
  id: `cat-${slug}`,
  slug,
  name,
  parentId: null,
  position,
});
const sub = (parent: string, slug: string, name: string, position: number): DemoCategory => ({
  id: `cat-${slug}`,
  slug,
  name,
  parentId: `cat-${parent}`,
  position,
});

export const DEMO_CATEGORIES: DemoCategory[] = [
  top("clothing", "Clothing", 0),
  sub("clothing", "t-shirts", "T-Shirts", 0),
  sub("clothing", "shirts", "Shirts", 1),
  sub("clothing", "trousers", "Jeans & Trousers", 2),
  sub("clothing", "jackets", "Jackets & Coats", 3),
  top("footwear", "Footwear", 1),
  sub("footwear", "sneakers", "Sneakers", 0),
  sub("footwear", "boots", "Boots", 1),
  top("accessories", "Accessories", 2),
  sub("accessories", "bags", "Bags", 0),
  sub("accessories", "hats-scarves", "Hats & Scarves", 1),
  top("home", "Home", 3),
  sub("home", "kitchen", "Kitchen", 0),
  sub("home", "bedding", "Bedding", 1),
  top("books", "Books", 4),
];

const TOPS = ["XS", "S", "M", "L", "XL"];
const WAIST = ["28", "30", "32", "34", "36"];
const SHOES = ["38", "39", "40", "41", "42", "43", "44"];
const ONE = ["One size"];

type Row = [
  title: string,
  brand: string,
  category: string,
  price: number,
  compareAt: number | null,
  colours: string[],
  sizes: string[],
  material: string,
  blurb: string,
];

const ROWS: Row[] = [
  [
    "Classic Crew T-Shirt",
    "Northwind",
    "t-shirts",
    1990,
    null,
    ["White", "Black", "Navy"],
    TOPS,
    "100% organic cotton",
    "A soft, midweight crew neck tee cut for everyday wear.",
  ],
  [
    "Heavyweight Pocket Tee",
    "Fjordline",
    "t-shirts",
    2990,
    null,
    ["Grey", "Olive"],
    TOPS,
    "Cotton jersey, 240 g/m²",
    "A boxy tee in dense jersey with a chest pocket that keeps its shape.",
  ],
  [
    "Striped Breton Top",
    "Maison Lumière",
    "t-shirts",
    3900,
    4900,
    ["Navy", "Red"],
    TOPS,
    "Cotton",
    "The sailor stripe, knitted in Brittany with a wide boat neck.",
  ],
  [
    "Merino Base Layer Tee",
    "Alpenglow",
    "t-shirts",
    5900,
    null,
    ["Black", "Blue"],
    TOPS,
    "Merino wool",
    "Fine merino that regulates warmth on the trail and resists odour.",
  ],
  [
    "Graphic Mountain Tee",
    "Alpenglow",
    "t-shirts",
    2490,
    null,
    ["White", "Sand"],
    TOPS,
    "Recycled cotton blend",
    "A relaxed tee with a hand-drawn mountain print.",
  ],
  [
    "Long Sleeve Waffle Tee",
    "Northwind",
    "t-shirts",
    3490,
    null,
    ["Cream", "Charcoal"],
    TOPS,
    "Cotton waffle knit",
    "Textured waffle knit for layering in cooler months.",
  ],
  [
    "Oxford Button-Down Shirt",
    "Harbour & Co",
    "shirts",
    5900,
    null,
    ["Blue", "White"],
    TOPS,
    "Cotton oxford",
    "A button-down collar shirt in crisp oxford cloth, washed for softness.",
  ],
  [
    "Linen Summer Shirt",
    "Maison Lumière",
    "shirts",
    6900,
    7900,
    ["Sand", "Sky Blue", "White"],
    TOPS,
    "100% European linen",
    "A breezy linen shirt with a relaxed fit for warm days.",
  ],
  [
    "Flannel Check Shirt",
    "Fjordline",
    "shirts",
    5490,
    null,
    ["Red", "Green"],
    TOPS,
    "Brushed cotton flannel",
    "A warm brushed flannel shirt in a classic tartan check.",
  ],
  [
    "Denim Western Shirt",
    "Indigo Works",
    "shirts",
    7490,
    null,
    ["Blue"],
    TOPS,
    "Cotton denim",
    "Snap buttons and pointed yokes on a rugged denim shirt.",
  ],
  [
    "Poplin Dress Shirt",
    "Harbour & Co",
    "shirts",
    6490,
    null,
    ["White", "Pale Pink"],
    TOPS,
    "Cotton poplin",
    "A sharp poplin shirt with a spread collar for the office.",
  ],
  [
    "Corduroy Overshirt",
    "Northwind",
    "shirts",
    7990,
    9990,
    ["Brown", "Olive"],
    TOPS,
    "Cotton corduroy",
    "A heavy overshirt in fine-wale corduroy, worn open or closed.",
  ],
  [
    "Slim Selvedge Jeans",
    "Indigo Works",
    "trousers",
    11900,
    null,
    ["Indigo", "Black"],
    WAIST,
    "13.5 oz selvedge denim",
    "Slim jeans in raw selvedge denim that fade with you.",
  ],
  [
    "Relaxed Carpenter Jeans",
    "Indigo Works",
    "trousers",
    9900,
    null,
    ["Light Blue", "Ecru"],
    WAIST,
    "Cotton denim",
    "A roomy carpenter jean with a hammer loop and tool pocket.",
  ],
  [
    "Chino Trousers",
    "Harbour & Co",
    "trousers",
    6900,
    null,
    ["Khaki", "Navy", "Olive"],
    WAIST,
    "Cotton twill with stretch",
    "Tailored chinos with a touch of stretch for all-day comfort.",
  ],
  [
    "Wool Pleated Trousers",
    "Maison Lumière",
    "trousers",
    14900,
    17900,
    ["Grey", "Camel"],
    WAIST,
    "Wool flannel",
    "Pleated high-rise trousers in soft wool flannel.",
  ],
  [
    "Hiking Cargo Pants",
    "Alpenglow",
    "trousers",
    8900,
    null,
    ["Black", "Olive"],
    WAIST,
    "Ripstop nylon",
    "Water-repellent ripstop cargos with articulated knees.",
  ],
  [
    "Quilted Down Jacket",
    "Alpenglow",
    "jackets",
    22900,
    26900,
    ["Black", "Orange"],
    TOPS,
    "Recycled nylon, 700 fill down",
    "A warm, packable down jacket for cold mornings.",
  ],
  [
    "Waxed Cotton Jacket",
    "Fjordline",
    "jackets",
    24900,
    null,
    ["Olive", "Navy"],
    TOPS,
    "Waxed cotton",
    "A weatherproof waxed jacket with a corduroy collar.",
  ],
  [
    "Wool Overcoat",
    "Maison Lumière",
    "jackets",
    32900,
    null,
    ["Camel", "Charcoal"],
    TOPS,
    "Wool and cashmere",
    "A long single-breasted coat in a wool-cashmere blend.",
  ],
  [
    "Rain Shell Jacket",
    "Alpenglow",
    "jackets",
    17900,
    null,
    ["Yellow", "Blue"],
    TOPS,
    "3-layer waterproof membrane",
    "A light, fully taped rain shell that packs into its pocket.",
  ],
  [
    "Denim Trucker Jacket",
    "Indigo Works",
    "jackets",
    12900,
    null,
    ["Indigo"],
    TOPS,
    "Cotton denim",
    "The classic trucker jacket in rigid indigo denim.",
  ],
  [
    "Fleece Zip Jacket",
    "Northwind",
    "jackets",
    7900,
    9500,
    ["Cream", "Forest Green"],
    TOPS,
    "Recycled polyester fleece",
    "A cosy high-pile fleece with a full zip.",
  ],
  [
    "Everyday Canvas Sneakers",
    "Stride",
    "sneakers",
    5900,
    null,
    ["White", "Black"],
    SHOES,
    "Cotton canvas, rubber sole",
    "Low-top canvas shoes with a vulcanised rubber sole.",
  ],
  [
    "Leather Court Sneakers",
    "Stride",
    "sneakers",
    11900,
    null,
    ["White", "White/Green"],
    SHOES,
    "Full-grain leather",
    "Minimal leather court shoes that go with everything.",
  ],
  [
    "Trail Running Shoes",
    "Alpenglow",
    "sneakers",
    13900,
    15900,
    ["Grey", "Orange"],
    SHOES,
    "Mesh upper, lugged sole",
    "Grippy trail running shoes with a rock plate.",
  ],
  [
    "Road Running Shoes",
    "Stride",
    "sneakers",
    12900,
    null,
    ["Blue", "Black"],
    SHOES,
    "Engineered mesh",
    "Cushioned running shoes for daily miles on the road.",
  ],
  [
    "Suede Skate Shoes",
    "Stride",
    "sneakers",
    7900,
    null,
    ["Brown", "Navy"],
    SHOES,
    "Suede",
    "Padded suede skate shoes with a durable toe cap.",
  ],
  [
    "Slip-On Knit Shoes",
    "Northwind",
    "sneakers",
    6900,
    8900,
    ["Grey", "Black"],
    SHOES,
    "Recycled knit",
    "Light knit slip-on shoes you can wash.",
  ],
  [
    "Chelsea Boots",
    "Cobbler & Sons",
    "boots",
    17900,
    null,
    ["Brown", "Black"],
    SHOES,
    "Suede with elastic sides",
    "Pull-on Chelsea boots on a Goodyear-welted sole.",
  ],
  [
    "Lace-Up Work Boots",
    "Cobbler & Sons",
    "boots",
    19900,
    22900,
    ["Tan", "Dark Brown"],
    SHOES,
    "Oiled leather",
    "Sturdy work boots in oiled leather with a lug sole.",
  ],
  [
    "Waterproof Hiking Boots",
    "Alpenglow",
    "boots",
    18900,
    null,
    ["Brown", "Grey"],
    SHOES,
    "Nubuck with waterproof lining",
    "Supportive hiking boots for wet trails.",
  ],
  [
    "Winter Snow Boots",
    "Fjordline",
    "boots",
    15900,
    null,
    ["Black"],
    SHOES,
    "Insulated nylon",
    "Insulated snow boots rated for deep cold.",
  ],
  [
    "Leather Tote Bag",
    "Maison Lumière",
    "bags",
    18900,
    null,
    ["Tan", "Black"],
    ONE,
    "Vegetable-tanned leather",
    "A roomy leather tote that ages beautifully.",
  ],
  [
    "Canvas Backpack",
    "Northwind",
    "bags",
    8900,
    null,
    ["Navy", "Olive", "Black"],
    ONE,
    "Waxed canvas",
    "A 20 litre backpack with a padded laptop sleeve.",
  ],
  [
    "Crossbody Sling Bag",
    "Stride",
    "bags",
    4900,
    5900,
    ["Black", "Sand"],
    ONE,
    "Recycled nylon",
    "A compact sling for phone, keys and wallet.",
  ],
  [
    "Weekender Duffel",
    "Harbour & Co",
    "bags",
    14900,
    null,
    ["Brown", "Navy"],
    ONE,
    "Canvas and leather",
    "A weekend duffel with a shoe compartment.",
  ],
  [
    "Wool Beanie",
    "Fjordline",
    "hats-scarves",
    2490,
    null,
    ["Grey", "Mustard", "Navy"],
    ONE,
    "Lambswool",
    "A ribbed lambswool beanie with a turn-up.",
  ],
  [
    "Cashmere Scarf",
    "Maison Lumière",
    "hats-scarves",
    8900,
    11900,
    ["Camel", "Grey"],
    ONE,
    "100% cashmere",
    "A generous cashmere scarf, woven in Scotland.",
  ],
  [
    "Baseball Cap",
    "Stride",
    "hats-scarves",
    2290,
    null,
    ["Black", "Blue", "Beige"],
    ONE,
    "Cotton twill",
    "A six-panel cap with an adjustable strap.",
  ],
  [
    "Wide Brim Sun Hat",
    "Alpenglow",
    "hats-scarves",
    3900,
    null,
    ["Sand"],
    ["S/M", "L/XL"],
    "Paper straw",
    "A packable sun hat with a wide brim and chin cord.",
  ],
  [
    "Cast Iron Skillet",
    "Hearth & Table",
    "kitchen",
    4900,
    null,
    ["Black"],
    ["20 cm", "26 cm"],
    "Pre-seasoned cast iron",
    "A pre-seasoned skillet that goes from hob to oven.",
  ],
  [
    "Chef's Knife",
    "Hearth & Table",
    "kitchen",
    8900,
    10900,
    ["Steel"],
    ["18 cm", "21 cm"],
    "Japanese stainless steel",
    "A balanced chef's knife with a razor edge.",
  ],
  [
    "Stoneware Mug Set",
    "Hearth & Table",
    "kitchen",
    3400,
    null,
    ["White", "Sage", "Terracotta"],
    ["Set of 2", "Set of 4"],
    "Glazed stoneware",
    "Hand-glazed stoneware mugs that hold 350 ml.",
  ],
  [
    "Linen Tea Towels",
    "Maison Lumière",
    "kitchen",
    1900,
    null,
    ["Natural", "Blue Stripe"],
    ["Set of 2"],
    "Linen",
    "Absorbent linen tea towels that soften with every wash.",
  ],
  [
    "Percale Duvet Cover",
    "Nordic Sleep",
    "bedding",
    8900,
    null,
    ["White", "Grey"],
    ["Single", "Double", "King"],
    "Cotton percale",
    "A cool, crisp percale duvet cover with button closure.",
  ],
  [
    "Linen Sheet Set",
    "Nordic Sleep",
    "bedding",
    12900,
    15900,
    ["Natural", "Rust", "Sage"],
    ["Double", "King"],
    "Stonewashed linen",
    "Stonewashed linen sheets for year-round sleep.",
  ],
  [
    "Wool Throw Blanket",
    "Fjordline",
    "bedding",
    9900,
    null,
    ["Grey", "Mustard"],
    ["130 x 170 cm"],
    "Merino wool",
    "A soft merino throw with a herringbone weave.",
  ],
];

const slugOf = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Grams per variant by category: light tees to heavy bedding, so every shipping weight tier is used. */
const WEIGHT_BY_CATEGORY: Record<string, number> = {
  "t-shirts": 180,
  shirts: 250,
  trousers: 650,
  jackets: 1100,
  sneakers: 900,
  boots: 1500,
  bags: 800,
  "hats-scarves": 150,
  kitchen: 1200,
  bedding: 2200,
};

const CLOTHES: DemoProduct[] = ROWS.map(
  ([title, brand, category, price, compareAt, colours, sizes, material, blurb]) => ({
    slug: slugOf(title),
    title,
    brand,
    description: `${blurb} Made from ${material.toLowerCase()}; available in ${colours.join(", ").toLowerCase()}.`,
    categorySlugs: [category],
    attributes: { material },
    price,
    compareAt,
    colours,
    sizes,
    optionName: "colour",
    taxClass: "standard",
    weightGrams: WEIGHT_BY_CATEGORY[category] ?? 500,
  }),
);

/** Books: taxed at the reduced rate (5.5 % in France, 7 % in Germany, zero-rated in the UK). */
type BookRow = [
  title: string,
  brand: string,
  price: number,
  compareAt: number | null,
  formats: string[],
  grams: number,
  blurb: string,
];

const BOOK_ROWS: BookRow[] = [
  [
    "The Quiet Harbour",
    "Lanterne Press",
    1890,
    null,
    ["Paperback", "Hardcover"],
    450,
    "A novel of one summer in a fishing town, and of the letters that change it.",
  ],
  [
    "Cooking with the Seasons",
    "Lanterne Press",
    2900,
    3500,
    ["Hardcover"],
    1100,
    "Ninety recipes that follow the market through the year.",
  ],
  [
    "A Field Guide to Alpine Flowers",
    "Edelweiss Books",
    2450,
    null,
    ["Paperback"],
    380,
    "Six hundred species, drawn by hand, with where and when to find them.",
  ],
];

/** Books: taxed at the reduced rate (5.5 % in France, 7 % in Germany, zero-rated in the UK). */
const BOOKS: DemoProduct[] = BOOK_ROWS.map(([title, brand, price, compareAt, formats, weightGrams, blurb]) => ({
  slug: slugOf(title),
  title,
  brand,
  description: blurb,
  categorySlugs: ["books"],
  attributes: { format: formats.join(", ") },
  price,
  compareAt,
  colours: formats,
  sizes: ONE,
  optionName: "format",
  taxClass: "reduced",
  weightGrams,
}));

export const DEMO_PRODUCTS: DemoProduct[] = [...CLOTHES, ...BOOKS];

const code = (text: string) =>
  text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "")
    .slice(0, 6) || "X";

/** What one EUR is worth in each demo currency (rounded prices keep the EUR price's ending). */
export const DEMO_RATES: Record<Currency, number> = { EUR: 1, GBP: 0.86, USD: 1.08 };

/**
 * A demo EUR amount in another currency: converted, then rounded to the nearest whole unit with
 * the EUR price's cents kept (19.90 € → £16.90, $21.90; 49.99 € → £42.99), as a shop prices.
 */
export function demoAmount(eur: number, currency: Currency): number {
  if (currency === "EUR") return eur;
  const cents = eur % 100;
  return Math.max(0, Math.round((eur * DEMO_RATES[currency] - cents) / 100)) * 100 + cents;
}

/** A demo variant's price set: its EUR price, and the same converted to GBP and USD. */
export function demoPriceSet(eur: number, compareAt: number | null): VariantPrice[] {
  return (["EUR", "GBP", "USD"] as const).map((currency) => ({
    currency,
    amount: demoAmount(eur, currency),
    compareAtAmount: compareAt === null ? null : demoAmount(compareAt, currency),
  }));
}

export interface DemoVariant {
  sku: string;
  options: Record<string, string>;
  /** The EUR price (also the first entry of `prices`). */
  price: number;
  compareAtPrice: number | null;
  currency: "EUR";
  prices: VariantPrice[];
  weightGrams: number;
}

/** The variants of a demo product: every colour in every size, SKU `<INITIALS><n>-<COLOUR>-<SIZE>`. */
export function demoVariants(product: DemoProduct, index: number): DemoVariant[] {
  const initials = product.title
    .split(/\s+/)
    .map((w) => w[0])
    .join("")
    .toUpperCase()
    .replace(/[^A-Z]/g, "");
  const sized = product.sizes.length > 1 || product.sizes[0] !== "One size";
  return product.colours.flatMap((colour) =>
    product.sizes.map(
      (size): DemoVariant => ({
        sku: `${initials}${index + 1}-${code(colour)}-${code(size)}`,
        options: sized ? { [product.optionName]: colour, size } : { [product.optionName]: colour },
        price: product.price,
        compareAtPrice: product.compareAt,
        currency: "EUR",
        prices: demoPriceSet(product.price, product.compareAt),
        weightGrams: product.weightGrams,
      }),
    ),
  );
}

// ── Regions ──────────────────────────────────────────────────────────────────────────────────

const vat = (country: string, taxClass: TaxClass, rateBps: number) => ({
  country,
  subdivision: null,
  taxClass,
  rateBps,
  name: `VAT ${rateBps / 100}%`,
});

/** Standard and reduced (books) VAT per EU demo country, in basis points. */
const EU_VAT: [country: string, standard: number, reduced: number][] = [
  ["FR", 2000, 550],
  ["DE", 1900, 700],
  ["ES", 2100, 400],
  ["IT", 2200, 400],
  ["NL", 2100, 900],
  ["BE", 2100, 600],
  ["IE", 2300, 0],
  ["AT", 2000, 1000],
  ["PT", 2300, 600],
  ["FI", 2550, 1400],
];

const US_SALES_TAX: [state: string, rateBps: number][] = [
  ["CA", 725],
  ["NY", 400],
  ["TX", 625],
  ["WA", 650],
  ["FL", 600],
];

/** The demo regions (ids `eu`, `uk`, `us`; `eu` is the default): other helpers and tests rely on these. */
export const DEMO_REGIONS: (SaveRegionInput & { id: string })[] = [
  {
    id: "eu",
    name: "Europe",
    currency: "EUR",
    countries: EU_VAT.map(([country]) => country),
    defaultCountry: "FR",
    taxInclusive: true,
    taxProvider: "rates",
    paymentProviders: ["stripe", "test"],
    isDefault: true,
    shippingOptions: [
      {
        id: "eu-standard",
        name: "Standard",
        speed: "standard",
        rule: { kind: "free_above", amount: 495, threshold: 5000 },
        minDays: 3,
        maxDays: 5,
        taxClass: "standard",
        active: true,
      },
      {
        id: "eu-express",
        name: "Express",
        speed: "express",
        rule: { kind: "flat", amount: 1290 },
        minDays: 1,
        maxDays: 2,
        taxClass: "standard",
        active: true,
      },
    ],
    taxRates: EU_VAT.flatMap(([country, standard, reduced]) => [
      vat(country, "standard", standard),
      vat(country, "reduced", reduced),
    ]),
  },
  {
    id: "uk",
    name: "United Kingdom",
    currency: "GBP",
    countries: ["GB"],
    defaultCountry: "GB",
    taxInclusive: true,
    taxProvider: "rates",
    paymentProviders: ["stripe", "test"],
    shippingOptions: [
      {
        id: "uk-standard",
        name: "Standard",
        speed: "standard",
        rule: { kind: "free_above", amount: 399, threshold: 4000 },
        minDays: 2,
        maxDays: 4,
        taxClass: "standard",
        active: true,
      },
      {
        id: "uk-express",
        name: "Express",
        speed: "express",
        rule: { kind: "flat", amount: 999 },
        minDays: 1,
        maxDays: 1,
        taxClass: "standard",
        active: true,
      },
    ],
    // UK books are zero-rated: the reduced class at 0 %.
    taxRates: [vat("GB", "standard", 2000), vat("GB", "reduced", 0)],
  },
  {
    id: "us",
    name: "United States",
    currency: "USD",
    countries: ["US"],
    defaultCountry: "US",
    taxInclusive: false,
    taxProvider: "rates",
    paymentProviders: ["stripe", "test"],
    shippingOptions: [
      {
        id: "us-standard",
        name: "Standard",
        speed: "standard",
        rule: {
          kind: "weight",
          tiers: [
            { upToGrams: 500, amount: 599 },
            { upToGrams: 2000, amount: 899 },
            { upToGrams: null, amount: 1499 },
          ],
        },
        minDays: 3,
        maxDays: 7,
        taxClass: "zero",
        active: true,
      },
      {
        id: "us-express",
        name: "Express",
        speed: "express",
        rule: { kind: "flat", amount: 2499 },
        minDays: 1,
        maxDays: 2,
        taxClass: "zero",
        active: true,
      },
    ],
    // Sales tax by state; states not listed (and the country as a whole) have none.
    taxRates: US_SALES_TAX.map(([state, rateBps]) => ({
      country: "US",
      subdivision: state,
      taxClass: "standard" as const,
      rateBps,
      name: `${state} sales tax ${rateBps / 100}%`,
    })),
  },
];
