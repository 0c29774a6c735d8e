import { extractTextDetailed } from "../src/platform/text/extract.ts";
import { letterDocx } from "./docx.ts";

const t = Date.now();
const b = await letterDocx(1);
console.log(b.length, Date.now() - t);
const t2 = Date.now();
for (let i = 0; i < 20; i++) await extractTextDetailed(b, "docx" as never);
console.log("extract per file ms", (Date.now() - t2) / 20);
