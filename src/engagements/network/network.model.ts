import { z } from "zod";
import { blankToUndefined } from "../../platform/validation.ts";

export interface ContactPerson {
  id: string;
  unitId: string;
  name: string;
  email: string;
  phone: string | null;
  appointedOn: string;
  appointedBy: string;
}

/** A unit of the network and its current contact person, or null when it has none. */
export interface NetworkEntry {
  unitId: string;
  unitName: string;
  contact: ContactPerson | null;
}

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** An appointment as the head of the unit made it. */
export const appointmentSchema = z.strictObject({
  unitId: z.string().trim().min(1, { error: "network.unit_required" }).max(100),
  name: z.string().trim().min(1).max(200),
  email: z.email({ error: "validation.email" }).max(254),
  phone: optionalText(50),
  appointedOn: z.iso.date({ error: "validation.date" }),
  appointedBy: z.string().trim().min(1).max(200),
});
export type AppointmentInput = z.output<typeof appointmentSchema>;

/** A message to the whole network, registered in an open case (by its diary number). */
export const networkMessageSchema = z.strictObject({
  diaryNumber: z.string().trim().min(1).max(100),
  subject: z.string().trim().min(1).max(300),
  body: z.string().trim().min(1).max(20_000),
});
export type NetworkMessageInput = z.output<typeof networkMessageSchema>;
