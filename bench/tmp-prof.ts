import { indexText } from "../src/platform/search/normalise.ts";
import { generateCase, random } from "./city.ts";

const texts: string[] = [];
for (let n = 0; n < 5000; n++) {
  const g = generateCase(random(n + 1));
  texts.push(
    g.title,
    g.documents.map((d) => d.description).join("\n"),
    g.parties.map((p) => p.name).join("\n"),
  );
}
const t = Date.now();
let len = 0;
for (let r = 0; r < 2; r++) for (const x of texts) len += indexText(x).length;
console.log("indexText x2", Date.now() - t, "ms", len);
