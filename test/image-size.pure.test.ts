import { describe, expect, it } from "vitest";
import { imageSize } from "../src/platform/files/image-size.ts";
import { makeJpeg, makePdf, makePng } from "./helpers/documents.ts";

describe("the size of a letterhead logo", () => {
  it("is read from a PNG's and a JPEG's header, and refused for anything else", async () => {
    expect(imageSize(makePng())).toEqual({ type: "png", width: 1, height: 1 });
    expect(imageSize(makeJpeg())).toEqual({ type: "jpg", width: 1, height: 1 });
    expect(imageSize(await makePdf(["Ingen bild"]))).toBeNull();
    expect(imageSize(makeJpeg().subarray(0, 12))).toBeNull();
  });
});
