/** Meetings, agendas and decisions as other domains see them: the routes, and the chain's steps (for the demo). */
export { recordMeetingDecision } from "./decisions.service.ts";
export { meetingsPlugin } from "./meetings.plugin.ts";
export { addAgendaItem, agendaOfMeeting, createMeeting, postMinutes } from "./meetings.service.ts";
