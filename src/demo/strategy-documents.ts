import { wordFile as kansliWordFile, type WordSection } from "../platform/text/word-writer.ts";

/** A Word file of headings and paragraphs: how the demo writes the strategy it attaches. */
const wordFile = (title: string, sections: WordSection[]) =>
  kansliWordFile(title, sections, { creator: "kansli demo" });

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
