import { z } from "zod";
import { blankToUndefined } from "../../platform/validation.ts";

/** An appointment of a user account (role kontaktperson for the unit) as the unit's contact person. */
export interface ContactPerson {
  id: string;
  unitId: string;
  userId: string;
  /** The account's name and e-mail as they are now. */
  name: string;
  email: string;
  phone: string | null;
  appointedOn: string;
  appointedBy: string;
}

/** A user account that may be appointed: active, with the kontaktperson role for a unit of the network. */
export interface ContactAccount {
  userId: string;
  name: string;
  email: string | null;
  unitId: string;
}

/** A unit of the network and its current contact person, or null when it has none. */
export interface NetworkEntry {
  unitId: string;
  unitName: string;
  contact: ContactPerson | null;
}

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** An appointment as the head of the unit made it: of the account that is the unit's kontaktperson. */
export const appointmentSchema = z.strictObject({
  userId: z.string().trim().min(1, { error: "network.account_required" }).max(100),
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
