/**
 * Officer's reports (tjänsteutlåtanden, issue 19 item 1) as other domains see them: the routes as
 * one plugin, and a case's approved reports with their registered documents (for agendas).
 */
export { reportsPlugin } from "./reports.plugin.ts";
export { type ApprovedReport, approvedReports } from "./reports.service.ts";
