import type { UserRow } from "../auth/index.ts";
import type { Ctx } from "../platform/context.ts";
import { addSchemeVersion, createRegistry, openCase, registerDocument } from "../registry/index.ts";
import { strategyAttachment } from "./strategy-documents.ts";

/** An invented classification scheme in two versions, in the shape Stockholm's registries use. */
const SCHEME_2007 = {
  name: "Klassificeringsstruktur för KS",
  version: "2007",
  validFrom: "2007-01-01",
  validTo: "2019-01-01",
  classes: [
    { code: "001", title: "Organisation och styrning" },
    { code: "006", title: "Styrdokument och riktlinjer" },
    { code: "106", title: "Remisser från andra myndigheter" },
    { code: "171", title: "Internationella frågor" },
    { code: "172", title: "EU-frågor" },
  ],
};
const SCHEME_2019 = {
  name: "Klassificeringsstruktur för KS",
  version: "2019",
  validFrom: "2019-01-01",
  validTo: null,
  classes: [
    { code: "1", title: "Styra och leda" },
    { code: "1.1", title: "Styrdokument", parentCode: "1" },
    { code: "1.4", title: "Internationellt arbete", parentCode: "1" },
    { code: "1.5", title: "EU-samarbete och påverkan", parentCode: "1" },
    { code: "2", title: "Samverka och yttra sig" },
    { code: "2.3", title: "Remisser och yttranden", parentCode: "2" },
    { code: "2.4", title: "Besök och delegationer", parentCode: "2" },
  ],
};

/** Invented subjects for a plausible year of international cases. */
const SUBJECTS = [
  ["1.4", "Deltagande i nätverket för europeiska huvudstäder"],
  ["2.4", "Studiebesök från en delegation om hållbar stadsutveckling"],
  ["1.5", "Yttrande över EU-kommissionens förslag om stadsmiljö"],
  ["2.3", "Remiss om regional utvecklingsstrategi"],
  ["1.4", "Samarbetsavtal om kollektivtrafik med en nordisk huvudstad"],
  ["2.4", "Besök av borgmästardelegation om digital förvaltning"],
  ["1.4", "Medlemsavgift för internationell organisation för städer"],
  ["2.3", "Remiss om nationell strategi för integration"],
  ["1.5", "EU-projekt om klimatanpassning av stadsmiljön"],
  ["1.4", "Uppföljning av internationellt arbete i verksamhetsplanen"],
] as const;

/**
 * The KS registry, its classification scheme, the 2016 strategy case with its kept number
 * (domain.md §4), the 2007 guidelines it replaces, and a year of invented cases.
 */
/** Returns the id of the strategy case KS 171-482/2016. */
export async function seedRegistryDemo(ctx: Ctx, officer: UserRow, year: number): Promise<string> {
  await createRegistry(ctx, "system", {
    id: "ks",
    prefix: "KS",
    name: "Kommunstyrelsens diarium",
    unitId: "ks",
    numberPattern: "{prefix} {year}/{seq}",
  });
  const old = await addSchemeVersion(ctx, "system", SCHEME_2007);
  const current = await addSchemeVersion(ctx, "system", SCHEME_2019);
  await openCase(ctx, "system", {
    registryId: "ks",
    diaryNumber: "KS 006-1137/2007",
    title: "Riktlinjer för Stockholms stads internationella arbete",
    classId: old.get("006"),
    unitId: "slk",
    openedOn: "2007-11-12",
  });
  const strategy = await openCase(ctx, "system", {
    registryId: "ks",
    diaryNumber: "KS 171-482/2016",
    title: "Internationell strategi för Stockholms stad",
    classId: old.get("171"),
    unitId: "slk-kommunikation-omvarld",
    officerId: officer.id,
    openedOn: "2016-06-02",
    parties: [{ name: "Finansroteln", organisation: "Kommunstyrelsen" }],
  });
  await seedStrategyDocuments(ctx, strategy.id);
  for (const [i, [code, title]] of SUBJECTS.entries()) {
    const month = String(1 + ((i * 7) % 11)).padStart(2, "0");
    const c = await openCase(ctx, "system", {
      registryId: "ks",
      title,
      classId: current.get(code),
      unitId: "slk-kommunikation-omvarld",
      officerId: officer.id,
      openedOn: `${year}-${month}-${String(3 + i * 2).padStart(2, "0")}`,
    });
    const sender = SENDERS[i % SENDERS.length] as string;
    await registerDocument(
      ctx,
      "system",
      c.id,
      { direction: "incoming", date: c.openedOn, party: sender, description: `Skrivelse: ${title}` },
      {
        fileName: "skrivelse.txt",
        bytes: Buffer.from(`${sender}\n\n${title}.\n\nVi ber staden att ta ställning i frågan.\n`),
      },
    );
  }
  await seedProtectedCase(ctx, current.get("2"), year);
  return strategy.id;
}

/**
 * A case of another unit than the demo officer's, with a secret title and a public one, a party
 * with protected identity and a secret letter, so the demo shows what each role sees (issue 14):
 * registry staff and Södermalm's officers see it in full, everyone else as the public register.
 * The person is invented.
 */
async function seedProtectedCase(ctx: Ctx, classId: string | undefined, year: number): Promise<void> {
  const c = await openCase(ctx, "system", {
    registryId: "ks",
    title: "Begäran om stöd efter hot mot Maja Ekström, Södermalm",
    publicTitle: "Begäran om stöd efter hot mot enskild",
    classId,
    unitId: "sdn-sodermalm",
    openedOn: `${year}-12-14`,
    parties: [
      { name: "Maja Ekström", protectedIdentity: true },
      { name: "Södermalms stadsdelsförvaltning", organisation: "Stockholms stad" },
    ],
  });
  await registerDocument(
    ctx,
    "system",
    c.id,
    {
      direction: "incoming",
      date: c.openedOn,
      party: "Maja Ekström",
      description: "Brev från Maja Ekström om hot i bostaden på Högbergsgatan",
      secrecyProvision: "21 kap. 3 § OSL",
      secrecyMarkedOn: c.openedOn,
      secrecyAuthority: "Kommunstyrelsen",
      publicDescription: "Brev från enskild om hot",
      publicParty: "Enskild",
    },
    {
      fileName: "brev.txt",
      bytes: Buffer.from("Maja Ekström\nHögbergsgatan\n\nJag ber om stöd efter hot i bostaden.\n"),
    },
  );
}

/** Invented senders of the generated letters. */
const SENDERS = [
  "Nordiska huvudstadsnätverket",
  "Europeiska stadsforumet",
  "Regionförbundet Mälardalen",
  "Föreningen för hållbara städer",
  "Kommunförbundet i länet",
];

/**
 * The strategy case's attachment of 2016-06-02 (domain.md §4): the strategy itself. The officer's
 * report it is attached to is written and approved through the report service
 * (`strategy-chain-demo.ts`); the cover letter of 2016-06-21 is written when the demo round is sent.
 */
async function seedStrategyDocuments(ctx: Ctx, caseId: string): Promise<void> {
  await registerDocument(
    ctx,
    "system",
    caseId,
    {
      direction: "internal",
      date: "2016-06-02",
      party: "Stadsledningskontoret",
      description: "Bilaga 1. Internationell strategi för Stockholms stad",
      documentType: "bilaga",
    },
    { fileName: "bilaga-1-internationell-strategi.docx", bytes: await strategyAttachment() },
  );
}
