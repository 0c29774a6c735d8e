import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  asksForMoreTime,
  authenticationFailed,
  diaryNumbersIn,
  matchRoundSender,
  matchSender,
  readAuthentication,
  requestedDay,
} from "../src/mail-intake/received-mail.model.ts";
import { addCivilDays, type CivilDate } from "../src/platform/calendar/civil-date.ts";

describe("reading a received message", () => {
  it("finds diary numbers of both of Stockholm's forms, once each, and nothing without its prefix", () => {
    expect(diaryNumbersIn("Svar KS 171-482/2016 och KS 2019/562, åter KS 2019/562")).toEqual([
      "KS 171-482/2016",
      "KS 2019/562",
    ]);
    expect(diaryNumbersIn("Ref: KS2019/562, tel 08 2019/562, ks 2019/562")).toEqual([]);
  });

  it("takes the worst result of each check, so a forger's own passing header does not win", () => {
    const a = readAuthentication([
      " mx.stockholm.example; spf=pass smtp.mailfrom=x; dkim=pass header.d=x; dmarc=fail",
      " forged.example; dmarc=pass",
    ]);
    expect(a).toEqual({ spf: "pass", dkim: "pass", dmarc: "fail" });
    expect(authenticationFailed(a)).toBe(true);
    expect(authenticationFailed(readAuthentication([]))).toBe(false);
  });

  it("recognises a request for more time but not an answer about extending a metro line", () => {
    expect(asksForMoreTime("Vi ber om anstånd till 1 juni")).toBe(true);
    expect(asksForMoreTime("Kan vi få förlänga svarstiden?")).toBe(true);
    expect(asksForMoreTime("Vi behöver mer tid.")).toBe(true);
    expect(asksForMoreTime("Nämnden tillstyrker förlängningen av tunnelbanan.")).toBe(false);
  });

  it("picks the round of a case that has the sender among its bodies; a body of two rounds is for the registrar", () => {
    const visits = [
      { id: "kultur", addresses: ["fn.kultur@stockholm.example"] },
      { id: "rinkeby", addresses: ["sdn.rinkeby@stockholm.example"] },
    ];
    const twinning = [
      { id: "rinkeby-2", addresses: ["sdn.rinkeby@stockholm.example"] },
      { id: "region", addresses: ["registrator@region.example"] },
    ];
    expect(matchRoundSender([visits, twinning], "fn.kultur@stockholm.example")).toEqual({ body: visits[0] });
    expect(matchRoundSender([visits, twinning], "handlaggare@region.example")).toEqual({ body: twinning[1] });
    expect(matchRoundSender([visits, twinning], "sdn.rinkeby@stockholm.example")).toEqual({
      reason: "several_consultations",
    });
    expect(matchRoundSender([visits, twinning], "ny.person@stockholm.example")).toEqual({
      reason: "several_bodies",
    });
    expect(matchRoundSender([visits, twinning], "okand@annan.example")).toEqual({ reason: "unknown_sender" });
    expect(matchRoundSender([visits], "okand@annan.example")).toEqual({ reason: "unknown_sender" });
  });

  it("reads the day a request for more time asks for: the latest day it names from today on", () => {
    const today = "2026-12-07";
    expect(requestedDay("Vi ber om anstånd till den 1 februari.", today)).toBe("2027-02-01");
    expect(requestedDay("Svarsdatum är 15 januari 2027; vi ber om anstånd till 2027-01-29.", today)).toBe(
      "2027-01-29",
    );
    expect(requestedDay("Förlängd svarstid till 31.1.2027 önskas, jfr beslut 3 mars 2025.", today)).toBe(
      "2027-01-31",
    );
    expect(requestedDay("Vi behöver mer tid.", today)).toBeNull();
    expect(requestedDay("Anstånd till 1 maj 2025", today)).toBeNull();
  });

  it("reads any later day written the Swedish way in a request, whatever else it quotes", () => {
    const MONTHS = [
      "januari",
      "februari",
      "mars",
      "april",
      "maj",
      "juni",
      "juli",
      "augusti",
      "september",
      "oktober",
      "november",
      "december",
    ];
    const today = "2026-12-07" as CivilDate;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 1, max: 400 }),
        fc.boolean(),
        (ahead, back, spelled) => {
          const day = addCivilDays(today, ahead);
          const quoted = addCivilDays(day, -back);
          const [y, m, d] = day.split("-").map(Number);
          const written = spelled ? `${d} ${MONTHS[(m ?? 1) - 1]} ${y}` : day;
          expect(
            requestedDay(
              `Vår svarsfrist ${quoted} räcker inte; vi ber om anstånd till den ${written}.`,
              today,
            ),
          ).toBe(day);
        },
      ),
    );
  });

  it("matches the body with the very address, or the only one at the sender's domain", () => {
    const bodies = [
      { id: "a", addresses: ["sdn@stockholm.example"] },
      { id: "b", addresses: ["fn@stockholm.example"] },
      { id: "c", addresses: ["registrator@region.example"] },
    ];
    expect(matchSender(bodies, "SDN@stockholm.example")).toEqual({ body: bodies[0] });
    expect(matchSender(bodies, "person@region.example")).toEqual({ body: bodies[2] });
    expect(matchSender(bodies, "person@stockholm.example")).toEqual({ reason: "several_bodies" });
    expect(matchSender(bodies, "x@annan.example")).toEqual({ reason: "unknown_sender" });
  });
});
