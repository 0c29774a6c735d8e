export { engagementsPlugin } from "./engagements.plugin.ts";
