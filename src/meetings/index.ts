export { meetingsPlugin } from "./meetings.plugin.ts";
