import type { ProvisionFields } from "./secrecy-grounds.model.ts";

const p = (
  chapter: number,
  section: string,
  name: string,
  paragraph: string | null = null,
): ProvisionFields => ({
  chapter,
  section,
  paragraph,
  name,
});

/**
 * The provisions of the offentlighets- och sekretesslagen (2009:400) a city cites most, shipped
 * as every tenant's first list of secrecy grounds (issue 14). Admins add more and retire those
 * they do not use. Each entry is a provision of the law as in force; the name says what it
 * protects, not the whole of its conditions (the damage test is judged case by case).
 */
export const SHIPPED_PROVISIONS: readonly ProvisionFields[] = [
  // 15 kap.: the realm's security and its relations with other states and international organisations.
  p(15, "1", "utrikessekretess, Sveriges förbindelser med andra stater och mellanfolkliga organisationer"),
  p(15, "1 a", "internationellt samarbete, uppgift från utländskt organ enligt EU-rättsakt eller avtal"),
  p(15, "2", "försvarssekretess, rikets säkerhet och försvar"),
  // 17 kap.: inspection, control and other supervision.
  p(17, "1", "planerad inspektion, revision eller annan granskning"),
  p(17, "4", "prov, t.ex. nationella prov och kunskapsprov"),
  // 18 kap.: preventing and prosecuting crime, security.
  p(18, "1", "förundersökning i brottmål"),
  p(18, "8", "säkerhets- eller bevakningsåtgärd"),
  p(18, "13", "fredstida krissituationer, risk- och sårbarhetsanalys"),
  // 19 kap.: the public's economic interest.
  p(19, "1", "myndighetens affärs- eller driftförhållanden"),
  p(19, "3", "det allmännas ekonomiska intresse vid förvärv, överlåtelse och avtal", "första stycket"),
  p(19, "3", "anbud i upphandling (anbudssekretess)", "andra stycket"),
  // 20 kap.: preserving animal or plant species.
  p(20, "1", "utrotningshotade djur- eller växtarter"),
  // 21 kap.: personal circumstances whatever the context.
  p(21, "1", "hälsa och sexualliv"),
  p(21, "3", "skyddad identitet, adress och kontaktuppgifter för förföljda personer"),
  p(21, "5", "utlänningar"),
  p(21, "7", "personuppgifter som skulle behandlas i strid med dataskyddsregleringen"),
  p(22, "1", "folkbokföring"),
  // 23 kap.: education.
  p(23, "1", "förskola, barnets personliga förhållanden"),
  p(23, "2", "skolväsendet, elevens personliga förhållanden"),
  p(23, "2", "elevhälsa, psykologisk, psykosocial eller specialpedagogisk insats", "första stycket"),
  p(24, "8", "statistik"),
  p(25, "1", "hälso- och sjukvård"),
  // 26 kap.: social services.
  p(26, "1", "socialtjänst, enskilds personliga förhållanden"),
  p(26, "5", "socialtjänst, uppgift om anmälare"),
  // 30–31 kap.: private parties' business.
  p(30, "23", "enskilds affärs- eller driftförhållanden i tillsyn och tillståndsgivning"),
  p(31, "16", "enskilds affärs- eller driftförhållanden i affärsförbindelse med myndigheten"),
  p(35, "1", "enskild i förundersökning och annan brottsbekämpande verksamhet"),
  // 39 kap.: the city as employer.
  p(39, "1", "personalsocial verksamhet"),
  p(39, "2", "hälsotillstånd i personaladministrativ verksamhet"),
  p(
    39,
    "3",
    "anställdas personliga förhållanden och privata kontaktuppgifter, risk för våld eller allvarligt men",
  ),
  p(40, "3", "biblioteksverksamhet, enskilds lån och användning av biblioteket"),
];
