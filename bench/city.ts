/**
 * An invented city's registry, generated deterministically from a seed: case titles, parties
 * and document descriptions built from a Swedish municipal vocabulary. Word frequencies are
 * skewed the way real registers are: a few words ("stad", "ärende") occur in most cases, most
 * words are rare. No real persons: names are drawn from invented parts.
 */

/** Mulberry32: small, fast, good enough to spread data; the same seed gives the same city. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  "samarbete",
  "avtal",
  "remiss",
  "yttrande",
  "besök",
  "delegation",
  "konferens",
  "medlemskap",
  "nätverk",
  "projekt",
  "ansökan",
  "bidrag",
  "inbjudan",
  "redovisning",
  "uppföljning",
  "utredning",
  "strategi",
  "handlingsplan",
  "riktlinjer",
  "program",
  "budget",
  "upphandling",
  "avsiktsförklaring",
  "skrivelse",
  "motion",
  "interpellation",
  "medborgarförslag",
  "överenskommelse",
  "studieresa",
  "rapport",
];
const THEMES = [
  "klimat",
  "energi",
  "vatten",
  "avfall",
  "trafik",
  "cykel",
  "kollektivtrafik",
  "bostäder",
  "skola",
  "förskola",
  "äldreomsorg",
  "kultur",
  "idrott",
  "bibliotek",
  "integration",
  "arbetsmarknad",
  "näringsliv",
  "turism",
  "digitalisering",
  "innovation",
  "trygghet",
  "folkhälsa",
  "stadsplanering",
  "parker",
  "hamnar",
  "forskning",
  "ungdomar",
  "jämställdhet",
  "demokrati",
  "mänskliga rättigheter",
  "EU-fonder",
  "smarta städer",
  "cirkulär ekonomi",
  "luftkvalitet",
  "biologisk mångfald",
  "kompetensförsörjning",
];
const PLACES = [
  "Helsingfors",
  "Oslo",
  "Köpenhamn",
  "Tallinn",
  "Riga",
  "Vilnius",
  "Berlin",
  "Hamburg",
  "Warszawa",
  "Gdańsk",
  "Amsterdam",
  "Rotterdam",
  "Bryssel",
  "Paris",
  "Lyon",
  "Barcelona",
  "Milano",
  "Wien",
  "Prag",
  "Budapest",
  "Reykjavik",
  "Edinburgh",
  "Dublin",
  "Lissabon",
  "Aten",
  "Kyiv",
  "Seoul",
  "Shanghai",
  "Toronto",
  "Chicago",
  "Nairobi",
  "Kapstaden",
  "Montevideo",
  "Sydney",
];
const ORGANISATIONS = [
  "Eurocities",
  "Union of the Baltic Cities",
  "Regionförbundet Mälardalen",
  "Sveriges Kommuner och Regioner",
  "Länsstyrelsen",
  "Regeringskansliet",
  "Region Stockholm",
  "Europeiska kommissionen",
  "Nordiska ministerrådet",
  "Trafikverket",
  "Boverket",
  "Naturvårdsverket",
  "Energimyndigheten",
  "Kulturrådet",
  "Vinnova",
];
const GIVEN = [
  "Alva",
  "Bror",
  "Cilla",
  "Dag",
  "Edla",
  "Folke",
  "Greta",
  "Hugo",
  "Ines",
  "Jon",
  "Kaj",
  "Lova",
];
const FAMILY = ["Ekstrand", "Fjällgren", "Gransjö", "Hagbrink", "Isvik", "Kornmo", "Lindhammar", "Mossberg"];
const KINDS = [
  ["incoming", "Skrivelse från"],
  ["incoming", "Inbjudan från"],
  ["outgoing", "Svar till"],
  ["outgoing", "Missiv till"],
  ["internal", "Tjänsteutlåtande om"],
  ["internal", "Promemoria om"],
] as const;

export interface GeneratedDocument {
  direction: "incoming" | "outgoing" | "internal";
  description: string;
  party: string | null;
  secret: boolean;
  draft: boolean;
  daysAfterOpening: number;
  documentType: string;
}

export interface GeneratedCase {
  title: string;
  parties: { name: string; organisation: string | null }[];
  documents: GeneratedDocument[];
  closed: boolean;
  dayOfYear: number;
}

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
/** Skewed towards the start of the list: item i is picked about 1/(i+1) as often as the first. */
const zipf = <T>(rnd: () => number, items: readonly T[]): T =>
  items[Math.min(items.length - 1, Math.floor(items.length ** rnd()) - 1)] as T;

/** One case of the generated city, with five documents. */
export function generateCase(rnd: () => number): GeneratedCase {
  const subject = zipf(rnd, SUBJECTS);
  const theme = zipf(rnd, THEMES);
  const place = pick(rnd, PLACES);
  const organisation = pick(rnd, ORGANISATIONS);
  const closed = rnd() < 0.7;
  const person = `${pick(rnd, GIVEN)} ${pick(rnd, FAMILY)}`;
  const counterpart = rnd() < 0.5 ? `${place} stad` : organisation;
  const documents = Array.from({ length: 5 }, (_, i): GeneratedDocument => {
    const [direction, opening] = i === 0 ? KINDS[0] : pick(rnd, KINDS);
    return {
      direction,
      description: `${opening} ${direction === "internal" ? "" : `${counterpart} `}om ${subject} inom ${zipf(rnd, THEMES)} i ärendet med ${place}`,
      party: direction === "internal" ? null : counterpart,
      secret: rnd() < 0.03,
      draft: !closed && i === 4 && rnd() < 0.3 && direction !== "incoming",
      daysAfterOpening: i * 7 + Math.floor(rnd() * 7),
      documentType: opening.split(" ")[0]?.toLowerCase() ?? "skrivelse",
    };
  });
  return {
    title: `${subject[0]?.toUpperCase()}${subject.slice(1)} med ${place} om ${theme} för Stockholms stad`,
    parties: [
      { name: counterpart, organisation: null },
      { name: person, organisation: rnd() < 0.5 ? organisation : null },
    ],
    documents,
    closed,
    dayOfYear: Math.floor(rnd() * 330),
  };
}

/** Words for the search benchmark, by how many cases they occur in. */
export const SEARCH_WORDS = {
  /** In every case's title. */
  common: "stad",
  /** In roughly one case in ten. */
  medium: "remiss",
  /** A rare pair: one place and a late theme. */
  rare: "Montevideo luftkvalitet",
} as const;
