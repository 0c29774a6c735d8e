import { z } from "zod";
import { patternProblems } from "./diary-number.model.ts";

export interface Registry {
  id: string;
  prefix: string;
  name: string;
  unitId: string | null;
  numberPattern: string;
}

export const registryPatternSchema = z.strictObject({
  numberPattern: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .refine((p) => patternProblems(p).length === 0, { error: "registry.pattern_invalid" }),
});
