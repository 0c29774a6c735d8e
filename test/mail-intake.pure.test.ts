import { describe, expect, it } from "vitest";
import {
  asksForMoreTime,
  authenticationFailed,
  diaryNumbersIn,
  matchSender,
  readAuthentication,
} from "../src/mail-intake/received-mail.model.ts";

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
