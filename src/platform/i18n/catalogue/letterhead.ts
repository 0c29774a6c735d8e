import { defineMessages } from "../define.ts";

/** The words of the city's letter template (platform/text/letterhead.ts), in the letter's language. */
export const letterhead = defineMessages(
  {
    "letterhead.diary_number": "Dnr {number}",
    "letterhead.page": "Sida {page} ({pages})",
    "letterhead.officer": "Handläggare",
    "letterhead.phone": "Telefon {phone}",
    "letterhead.email": "E-post {email}",
    "letterhead.postal_address": "Postadress: {address}",
    "letterhead.visiting_address": "Besöksadress: {address}",
  },
  {
    "letterhead.diary_number": "Ref. no. {number}",
    "letterhead.page": "Page {page} ({pages})",
    "letterhead.officer": "Contact",
    "letterhead.phone": "Phone {phone}",
    "letterhead.email": "E-mail {email}",
    "letterhead.postal_address": "Postal address: {address}",
    "letterhead.visiting_address": "Visiting address: {address}",
  },
);
