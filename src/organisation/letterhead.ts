import fs from "node:fs/promises";
import { findUserById } from "../auth/index.ts";
import type { Ctx } from "../platform/context.ts";
import { imageSize } from "../platform/files/image-size.ts";
import type { Locale } from "../platform/i18n/index.ts";
import type { Letterhead, LetterUnit } from "../platform/text/letterhead.ts";
import { allUnits, toUnit } from "./units.store.ts";

/** What a generator knows of its letter; the rest of the template comes from configuration and the units. */
export interface LetterheadRequest {
  /** The unit the letter is written from (the case's unit); null prints the city alone. */
  unitId: string | null;
  diaryNumber: string | null;
  date: string;
  /** The handläggare readers contact: the user's name and e-mail, with the unit's phone. */
  officerId?: string | null;
  /** Who signs, in order; each with their own unit as title. */
  signatoryIds?: readonly string[];
  language?: Locale;
}

/** The logo file is read once per path: it does not change while kansli runs. */
const logos = new Map<string, Promise<Letterhead["logo"]>>();

function logoAt(ctx: Ctx, file: string): Promise<Letterhead["logo"]> {
  let logo = logos.get(file);
  if (!logo) {
    logo = fs.readFile(file).then(
      (bytes) => {
        const size = imageSize(bytes);
        if (!size)
          ctx.log.warn({ file }, "KANSLI_LOGO_PATH is not a PNG or JPEG image: letters print no logo");
        return size && { ...size, bytes };
      },
      (error: unknown) => {
        ctx.log.warn({ file, error }, "KANSLI_LOGO_PATH cannot be read: letters print no logo");
        return null;
      },
    );
    logos.set(file, logo);
  }
  return logo;
}

/** The city's letter template filled in for one letter: every Word letter kansli writes passes through here. */
export async function letterheadFor(ctx: Ctx, r: LetterheadRequest): Promise<Letterhead> {
  const units = new Map((await allUnits(ctx.db, ctx.config.tenantId)).map((u) => [u.id, toUnit(u)]));
  const unit = r.unitId ? units.get(r.unitId) : undefined;
  const user = async (id: string) => findUserById(ctx.db, ctx.config.tenantId, id);
  const officer = r.officerId ? await user(r.officerId) : undefined;
  const signatories = await Promise.all((r.signatoryIds ?? []).map(user));
  const letterUnit: LetterUnit | null = unit
    ? {
        name: unit.name,
        postalAddress: unit.address,
        visitingAddress: unit.visitingAddress,
        phone: unit.phone,
        web: unit.web,
      }
    : null;
  return {
    cityName: ctx.config.cityName,
    logo: ctx.config.logoPath ? await logoAt(ctx, ctx.config.logoPath) : null,
    unit: letterUnit,
    diaryNumber: r.diaryNumber,
    date: r.date,
    officer: officer
      ? { name: officer.display_name, email: officer.email, phone: unit?.phone ?? null }
      : null,
    signatories: signatories.flatMap((s) =>
      s
        ? [
            {
              name: s.display_name,
              title: (s.unit_id && units.get(s.unit_id)?.name) || unit?.name || ctx.config.cityName,
            },
          ]
        : [],
    ),
    language: r.language ?? "sv",
  };
}
