/**
 * Officer's reports (tjänsteutlåtanden, issue 19 item 1) as other domains see them: the routes as
 * one plugin, a case's approved reports with their registered documents (for agendas), and writing
 * and approving one (for the demo).
 */
export { reportsPlugin } from "./reports.plugin.ts";
export { type ApprovedReport, approvedReports, approveReport, createReport } from "./reports.service.ts";
