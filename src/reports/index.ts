/**
 * Officer's reports (tjänsteutlåtanden, issue 19 item 1) as other domains see them: the routes as
 * one plugin, a case's approved reports with their registered documents (for agendas), writing and
 * approving one (for the demo), and the reports waiting for a signatory (for the start page).
 */
export { reportsPlugin } from "./reports.plugin.ts";
export {
  type ApprovedReport,
  type AwaitingApproval,
  approvedReports,
  approvedReportsOfOpen,
  approveReport,
  createReport,
  reportsAwaitingApproval,
} from "./reports.service.ts";
