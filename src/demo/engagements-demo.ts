import type { UserRow } from "../auth/index.ts";
import {
  type DecisionOutcome,
  type Direction,
  type EngagementType,
  recordDecision,
  registerEngagement,
} from "../engagements/index.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import { allClasses, openCase } from "../registry/index.ts";

/** The fifteen specialist committees' administrations of the demo organisation. */
const ADMINISTRATIONS = [
  "forv-arbetsmarknad",
  "forv-exploatering",
  "forv-fastighet",
  "forv-idrott",
  "forv-kultur",
  "forv-kyrkogard",
  "forv-miljo",
  "forv-service",
  "forv-social",
  "forv-stadsbyggnad",
  "forv-trafik",
  "forv-utbildning",
  "forv-val",
  "forv-aldre",
  "forv-overformyndare",
];

interface DemoEngagement {
  type: EngagementType;
  title: string;
  unitId: string;
  startDate: string;
  endDate?: string;
  scope?: "city" | "service";
  /** The units ticked as affected; none means one. */
  affectedUnitIds?: string[];
  politicalLevel?: "high" | "normal";
  addsResourceBurden?: boolean;
  onBehalfOf?: "KS" | "unit";
  touchesStateRelations?: boolean;
  prioritised?: boolean;
  directions: Direction[];
  purpose: string;
  mutualBenefit?: string;
  theme?: string;
  cost?: number;
  /** The cost split by hand per year (otherwise the total is spread over the period). */
  yearCosts?: [year: number, amount: number][];
  /** Never on the public page. */
  secret?: boolean;
  lastReviewedOn?: string;
  counterparts: [kind: string, name: string, country: string][];
  financing?: [source: string, sharePercent: number, funder?: string][];
  /** An existing case it belongs to; otherwise a case is opened for it. */
  caseDiaryNumber?: string;
  /** Decisions on it: date, paragraph, outcome (the body is the one the routing names). */
  decisions?: [decidedOn: string, paragraph: string, outcome: DecisionOutcome, conditions?: string][];
}

/** An invented decade of international engagements (2016–2026) across the demo units; no real persons. One is secret (never on the public page), one has its cost split by hand per year. */
const ENGAGEMENTS: DemoEngagement[] = [
  {
    type: "membership",
    title: "Medlemskap i ett europeiskt nätverk för storstäder",
    unitId: "slk-kommunikation-omvarld",
    // Decided under the 2007 guidelines, before the 2016 strategy: registered in that case.
    caseDiaryNumber: "KS 006-1137/2007",
    startDate: "2016-09-01",
    scope: "city",
    affectedUnitIds: [
      "slk",
      "sdf-hagersten-liljeholmen",
      "sdf-rinkeby-kista",
      "sdf-sodermalm",
      ...ADMINISTRATIONS,
      "bolag-business-region",
    ],
    addsResourceBurden: true,
    directions: ["samverkan", "paverkan"],
    purpose: "Påverka EU:s stadspolitik tillsammans med andra storstäder och lära av deras lösningar.",
    mutualBenefit: "Gemensamma ståndpunkter ger större genomslag i EU:s lagstiftning.",
    cost: 420_000,
    lastReviewedOn: "2020-10-15",
    counterparts: [["network", "Europeiskt storstadsnätverk", "BE"]],
    financing: [["city", 100]],
    decisions: [["2016-11-14", "§ 12", "approved"]],
  },
  {
    type: "declaration",
    title: "Anslutning till en internationell deklaration om hållbara städer",
    unitId: "slk-kommunikation-omvarld",
    startDate: "2017-03-01",
    scope: "city",
    directions: ["profilering", "paverkan"],
    purpose: "Visa stadens stöd för de globala hållbarhetsmålen.",
    counterparts: [["organisation", "Internationell organisation för lokala myndigheter", "DE"]],
    decisions: [["2017-02-20", "§ 3", "approved"]],
  },
  {
    type: "network",
    title: "Deltagande i nätverk för klimatneutrala städer",
    unitId: "forv-miljo",
    startDate: "2017-06-01",
    directions: ["samverkan", "omvarldsbevakning"],
    purpose: "Jämföra klimatarbete och mätmetoder med andra städer.",
    mutualBenefit: "Delade mätmetoder för utsläpp från transporter.",
    theme: "Klimatneutralitet",
    cost: 60_000,
    counterparts: [["network", "Nätverk för klimatneutrala städer", "DK"]],
    financing: [["city", 100]],
    decisions: [["2017-05-18", "§ 9", "approved"]],
  },
  {
    type: "cooperation_agreement",
    title: "Samarbetsavtal om kollektivtrafik med en nordisk huvudstad",
    unitId: "forv-trafik",
    startDate: "2018-01-01",
    endDate: "2021-12-31",
    directions: ["samverkan"],
    purpose: "Utbyte om elektrifiering av stadsbussar.",
    mutualBenefit: "Båda städerna delar driftdata och erfarenheter av upphandling.",
    theme: "Elektrifierad kollektivtrafik",
    cost: 150_000,
    counterparts: [["city", "Helsingfors stad", "FI"]],
    financing: [["city", 100]],
    decisions: [["2017-12-12", "§ 21", "approved", "Slutrapport till nämnden efter avtalstiden."]],
  },
  {
    type: "visit",
    title: "Studiebesök från en delegation om skolans digitalisering",
    unitId: "forv-utbildning",
    startDate: "2018-04-17",
    endDate: "2018-04-18",
    directions: ["samverkan", "profilering"],
    purpose: "Ta emot en skoldelegation som vill se stadens digitala lärplattform.",
    mutualBenefit: "Erfarenhetsutbyte om lärarfortbildning.",
    counterparts: [["region", "Utbildningsregion i Estland", "EE"]],
    decisions: [["2018-03-20", "§ 7", "approved"]],
  },
  {
    type: "trip",
    title: "Konferens om stadsutveckling på kommunstyrelsens uppdrag",
    unitId: "slk-kommunikation-omvarld",
    startDate: "2018-10-08",
    endDate: "2018-10-10",
    onBehalfOf: "KS",
    directions: ["omvarldsbevakning", "profilering"],
    purpose: "Presentera stadens arbete med bostadsförsörjning.",
    cost: 45_000,
    counterparts: [["organisation", "Internationell konferens om städer", "ES"]],
    financing: [["city", 100]],
    decisions: [["2018-09-10", "§ 4", "approved"]],
  },
  {
    type: "eu_project",
    title: "EU-projekt om klimatanpassning av skolgårdar",
    unitId: "sdf-hagersten-liljeholmen",
    startDate: "2019-02-01",
    endDate: "2022-01-31",
    directions: ["samverkan"],
    purpose: "Pröva grönare skolgårdar som tar hand om skyfall.",
    mutualBenefit: "Projektets städer delar utvärderingar av åtgärderna.",
    theme: "Klimatanpassning",
    cost: 2_400_000,
    yearCosts: [
      [2019, 500_000],
      [2020, 900_000],
      [2021, 850_000],
      [2022, 150_000],
    ],
    counterparts: [
      ["city", "Partnerstad i Nederländerna", "NL"],
      ["academia", "Tekniskt universitet", "NL"],
    ],
    financing: [
      ["eu", 70],
      ["city", 30],
    ],
    decisions: [["2019-01-24", "§ 15", "approved"]],
  },
  {
    type: "intention_agreement",
    title: "Intentionsavtal inom ett internationellt initiativ om cirkulär ekonomi",
    unitId: "bolag-stockholm-vatten",
    startDate: "2019-09-01",
    directions: ["samverkan", "paverkan"],
    purpose: "Delta i initiativets arbete med återvinning av näringsämnen ur avloppsslam.",
    mutualBenefit: "Tillgång till forskningsresultat; bolaget bidrar med driftdata.",
    counterparts: [["organisation", "Internationellt initiativ för cirkulär ekonomi", "FR"]],
    decisions: [["2019-08-22", "§ 8", "approved"]],
  },
  {
    type: "aid_project",
    title: "Kunskapsutbyte om vattenförsörjning, finansierat av Sida",
    unitId: "bolag-stockholm-vatten",
    startDate: "2020-03-01",
    endDate: "2023-02-28",
    touchesStateRelations: true,
    directions: ["samverkan"],
    purpose: "Stödja en partnerstad med kunskap om läcksökning.",
    mutualBenefit: "Bolagets medarbetare får erfarenhet av andra förhållanden.",
    counterparts: [["city", "Partnerstad i Kenya", "KE"]],
    financing: [["other_party", 100, "Sida"]],
    decisions: [["2020-02-13", "§ 5", "approved", "Stadsledningskontorets råd inhämtas före varje resa."]],
  },
  {
    type: "network",
    title: "Deltagande i ett stadsövergripande nätverk för integration",
    unitId: "forv-arbetsmarknad",
    startDate: "2020-09-01",
    scope: "city",
    affectedUnitIds: [
      "forv-arbetsmarknad",
      "forv-social",
      "forv-utbildning",
      "sdf-rinkeby-kista",
      "sdf-hagersten-liljeholmen",
      "bolag-svenska-bostader",
    ],
    addsResourceBurden: true,
    directions: ["samverkan", "omvarldsbevakning"],
    purpose: "Lära av andra städers arbete med etablering av nyanlända.",
    mutualBenefit: "Gemensamma uppföljningsmått.",
    cost: 80_000,
    counterparts: [["network", "Europeiskt nätverk för integration i städer", "BE"]],
    financing: [["city", 100]],
    decisions: [
      ["2020-06-10", "§ 18", "postponed"],
      ["2020-08-26", "§ 6", "approved"],
    ],
  },
  {
    type: "visit",
    title: "Besök av en borgmästardelegation om digital förvaltning",
    unitId: "slk-kommunikation-omvarld",
    startDate: "2021-10-05",
    endDate: "2021-10-06",
    scope: "city",
    affectedUnitIds: ["slk", "forv-service", "forv-utbildning", "forv-stadsbyggnad"],
    politicalLevel: "high",
    prioritised: true,
    directions: ["profilering", "samverkan"],
    purpose: "Visa stadens e-tjänster och utbyta erfarenheter om digital förvaltning.",
    mutualBenefit: "Nya perspektiv på hur invånare kan nå förvaltningen digitalt.",
    counterparts: [["city", "Tallinns stad", "EE"]],
    decisions: [["2021-09-01", "§ 11", "approved"]],
  },
  {
    type: "membership",
    title: "Medlemskap i en internationell förening för bibliotek",
    unitId: "forv-kultur",
    startDate: "2021-01-01",
    directions: ["omvarldsbevakning"],
    purpose: "Följa utvecklingen av digitala bibliotekstjänster.",
    cost: 12_000,
    counterparts: [["organisation", "Internationell biblioteksförening", "NL"]],
    financing: [["city", 100]],
    decisions: [["2020-12-10", "§ 14", "approved"]],
  },
  {
    type: "declaration",
    title: "Anslutning till en deklaration om trygga offentliga platser",
    unitId: "slk-kommunikation-omvarld",
    startDate: "2022-05-01",
    scope: "city",
    addsResourceBurden: true,
    directions: ["paverkan"],
    purpose: "Åta sig att mäta och redovisa tryggheten i offentliga miljöer.",
    counterparts: [["network", "Internationellt initiativ om offentliga platser", "AT"]],
    decisions: [["2022-04-06", "§ 22", "rejected"]],
  },
  {
    type: "visit",
    title: "Studiebesök om äldreomsorg från en regional delegation",
    unitId: "forv-aldre",
    startDate: "2022-09-20",
    directions: ["samverkan"],
    purpose: "Visa vård- och omsorgsboenden.",
    counterparts: [["region", "Regional hälsomyndighet", "NO"]],
    decisions: [["2022-08-30", "§ 4", "approved"]],
  },
  {
    type: "eu_project",
    title: "EU-projekt om ungdomars väg till arbete",
    unitId: "sdf-rinkeby-kista",
    startDate: "2023-01-01",
    endDate: "2025-12-31",
    directions: ["samverkan"],
    purpose: "Pröva metoder för unga som varken arbetar eller studerar.",
    mutualBenefit: "Metodutbyte med två partnerstäder.",
    theme: "Unga till arbete",
    cost: 3_100_000,
    counterparts: [
      ["city", "Partnerstad i Portugal", "PT"],
      ["city", "Partnerstad i Polen", "PL"],
    ],
    financing: [
      ["eu", 80],
      ["city", 20],
    ],
    decisions: [["2022-11-17", "§ 9", "approved"]],
  },
  {
    type: "cooperation_agreement",
    title: "Samarbetsavtal om stadsplanering med två nordiska huvudstäder",
    unitId: "forv-stadsbyggnad",
    startDate: "2023-05-01",
    endDate: "2027-04-30",
    scope: "city",
    affectedUnitIds: ["forv-stadsbyggnad", "forv-exploatering", "forv-trafik"],
    directions: ["samverkan", "omvarldsbevakning"],
    purpose: "Jämföra planprocesser och digitala planeringsverktyg.",
    mutualBenefit: "Delade verktyg för 3D-modeller och gemensam utbildning.",
    theme: "Digital stadsplanering",
    counterparts: [
      ["city", "Oslo kommune", "NO"],
      ["city", "Köpenhamns kommun", "DK"],
    ],
    financing: [["city", 100]],
    decisions: [["2023-04-12", "§ 16", "approved", "Utvärdering efter två år."]],
  },
  {
    type: "trip",
    title: "Deltagande i en konferens om avfallshantering",
    unitId: "bolag-stockholm-vatten",
    startDate: "2024-03-12",
    endDate: "2024-03-14",
    directions: ["omvarldsbevakning"],
    purpose: "Följa ny teknik för sortering av avfall.",
    cost: 28_000,
    counterparts: [["organisation", "Europeisk branschorganisation för avfall", "BE"]],
    financing: [["city", 100]],
    decisions: [["2024-02-15", "§ 3", "approved"]],
  },
  {
    type: "network",
    title: "Deltagande i ett nätverk för näringslivsfrämjande",
    unitId: "bolag-business-region",
    startDate: "2024-06-01",
    directions: ["profilering"],
    purpose:
      "Marknadsföra regionen som etableringsort under varumärket Stockholm – The Capital of Scandinavia.",
    mutualBenefit: "Gemensamma investerarmöten.",
    counterparts: [["network", "Europeiskt nätverk för investeringsfrämjande", "IE"]],
    financing: [["city", 100]],
    decisions: [["2024-05-20", "§ 10", "approved"]],
  },
  {
    type: "visit",
    title: "Delegation från en partnerstad om bostadsförsörjning",
    unitId: "slk-kommunikation-omvarld",
    startDate: "2025-04-08",
    scope: "city",
    affectedUnitIds: ["forv-stadsbyggnad", "bolag-svenska-bostader", "bolag-familjebostader"],
    prioritised: true,
    directions: ["samverkan", "profilering"],
    purpose: "Utbyte om allmännyttiga bostäder inom flera förvaltningar.",
    mutualBenefit: "Ny kunskap om finansiering av hyresbostäder.",
    counterparts: [["city", "Wiens stad", "AT"]],
    decisions: [["2025-03-12", "§ 6", "approved"]],
  },
  {
    type: "intention_agreement",
    title: "Intentionsavtal med en internationell organisation om kultur i städer",
    unitId: "forv-kultur",
    startDate: "2025-09-01",
    directions: ["samverkan", "profilering"],
    purpose: "Delta i organisationens program för kulturarv i städer.",
    counterparts: [["organisation", "Internationell organisation för kultur i städer", "FR"]],
  },
  {
    type: "trip",
    title: "Studieresa om skydd av dricksvattenanläggningar",
    unitId: "bolag-stockholm-vatten",
    startDate: "2025-05-12",
    endDate: "2025-05-14",
    directions: ["omvarldsbevakning"],
    purpose: "Lära av en partnerstads arbete med att skydda sina dricksvattenanläggningar.",
    cost: 35_000,
    counterparts: [["city", "Partnerstad i Finland", "FI"]],
    financing: [["city", 100]],
    secret: true,
    decisions: [["2025-04-10", "§ 7", "approved"]],
  },
  {
    type: "eu_project",
    title: "EU-projekt om energieffektiva skolor",
    unitId: "forv-utbildning",
    startDate: "2026-01-15",
    endDate: "2028-12-31",
    directions: ["samverkan"],
    purpose: "Minska energianvändningen i skolbyggnader.",
    mutualBenefit: "Jämförbara mätningar i sex städer.",
    theme: "Energieffektivisering",
    cost: 1_800_000,
    counterparts: [["city", "Partnerstad i Italien", "IT"]],
    financing: [
      ["eu", 65],
      ["city", 35],
    ],
  },
];

/**
 * Registers the demo engagements, each in its own case in the KS registry (opened on its start)
 * and with its decisions registered there. Only what lies in the past by the clock is loaded, so
 * a seed with an earlier clock still works.
 */
export async function seedEngagementsDemo(ctx: Ctx, officer: UserRow): Promise<void> {
  const today = stockholmDate(ctx.clock.now());
  const classes = await allClasses(ctx.db, ctx.config.tenantId, today);
  const classId = (code: string) => classes.find((c) => c.code === code && c.current)?.id;
  for (const e of ENGAGEMENTS) {
    // The case opens with the first paper: the first decision, or the start.
    const openedOn = [e.startDate, ...(e.decisions ?? []).map((d) => d[0])].sort()[0] as string;
    if (openedOn > today) continue;
    const diaryNumber =
      e.caseDiaryNumber ??
      (
        await openCase(ctx, "system", {
          registryId: "ks",
          title: e.title,
          classId: classId(e.type === "visit" ? "2.4" : e.type === "eu_project" ? "1.5" : "1.4"),
          unitId: e.unitId,
          officerId: officer.id,
          openedOn,
        })
      ).diaryNumber;
    const { engagement } = await registerEngagement(ctx, "system", {
      type: e.type,
      title: e.title,
      unitId: e.unitId,
      officerId: officer.id,
      scope: e.scope ?? "service",
      affectedUnitIds: e.affectedUnitIds ?? [],
      politicalLevel: e.politicalLevel ?? "normal",
      addsResourceBurden: e.addsResourceBurden ?? false,
      onBehalfOf: e.onBehalfOf ?? "unit",
      touchesStateRelations: e.touchesStateRelations ?? false,
      prioritised: e.prioritised ?? false,
      directions: e.directions,
      purpose: e.purpose,
      mutualBenefit: e.mutualBenefit,
      theme: e.theme,
      startDate: e.startDate,
      endDate: e.endDate,
      cost: e.cost,
      yearCosts: (e.yearCosts ?? []).map(([year, amount]) => ({ year, amount })),
      secret: e.secret ?? false,
      lastReviewedOn: e.lastReviewedOn,
      counterparts: e.counterparts.map(([kind, name, country]) => ({ kind, name, country })),
      financing: (e.financing ?? []).map(([source, sharePercent, funder]) => ({
        source,
        sharePercent,
        funder,
      })),
      caseDiaryNumber: diaryNumber,
    });
    for (const [decidedOn, minutesParagraph, outcome, conditions] of e.decisions ?? [])
      if (decidedOn <= today)
        await recordDecision(ctx, "system", engagement.id, {
          decidedOn,
          minutesParagraph,
          outcome,
          conditions,
        });
  }
}
