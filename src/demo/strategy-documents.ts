import { wordFile as kansliWordFile, type WordSection } from "../platform/text/word-writer.ts";

/** A Word file of headings and paragraphs: how the demo's letters and reports are written. */
const wordFile = (title: string, sections: WordSection[]) =>
  kansliWordFile(title, sections, { creator: "kansli demo" });

/** The officer's report of 2016-06-02 (tjänsteutlåtande), in the form domain.md §4 describes, in our own words. */
export const officersReport = () =>
  wordFile("Internationell strategi för Stockholms stad", [
    [
      "Förslag till beslut",
      [
        "Kommunstyrelsen föreslår kommunfullmäktige att anta Internationell strategi för Stockholms stad enligt bilaga 1.",
        "Riktlinjerna för Stockholms stads internationella arbete (Dnr 006-1137/2007) upphör att gälla.",
      ],
    ],
    [
      "Sammanfattning",
      [
        "Strategin anger vad stadens internationella arbete ska bidra till, fyra inriktningar (profilering, omvärldsbevakning, samverkan och påverkan) och principer som gäller oavsett inriktning.",
      ],
    ],
    [
      "Bakgrund",
      [
        "De nuvarande riktlinjerna antogs 2008 och behöver ersättas av en strategi som speglar stadens vision.",
      ],
    ],
    [
      "Ärendets beredning",
      ["Ärendet har beretts av stadsledningskontoret. Förslaget skickas på remiss till nämnder och bolag."],
    ],
    [
      "Stadsledningskontorets synpunkter och förslag",
      [
        "Stadsledningskontoret föreslår att strategin antas och att den följs upp i den ordinarie uppföljningen.",
      ],
    ],
    ["Bilagor", ["1. Internationell strategi för Stockholms stad"]],
  ]);

/** Attachment 1: the strategy itself, summarised in our own words. */
export const strategyAttachment = () =>
  wordFile("Bilaga 1. Internationell strategi för Stockholms stad", [
    [
      "Övergripande mål",
      [
        "Det internationella arbetet ska bidra till bättre välfärd och livskvalitet för stockholmarna och till en hållbar stad socialt, ekologiskt, ekonomiskt och demokratiskt.",
      ],
    ],
    [
      "Inriktningar",
      [
        "Profilering: stärka stadens attraktionskraft.",
        "Omvärldsbevakning: följa och analysera det som påverkar stadens verksamheter.",
        "Samverkan: lära av och dela med andra städer, regioner och aktörer.",
        "Påverkan: påverka processer och lagstiftning, främst inom EU.",
      ],
    ],
    [
      "Principer",
      [
        "Staden för ingen egen utrikespolitik. Staden ingår inga vänortsavtal.",
        "Samarbetsavtal gäller ett avgränsat tema, med tydlig ömsesidig nytta och ett start- och slutdatum.",
        "Avsiktsförklaringar och medlemskap ses över regelbundet, till exempel vart fjärde år.",
        "Inbjudningsbrev skrivs bara för särskilt prioriterade besök. Biståndsliknande projekt kräver full extern finansiering.",
      ],
    ],
  ]);
