import type { Ctx } from "../platform/context.ts";

/** The context as it was on a past day: the demo's historical steps carry their own dates. */
export const on = (ctx: Ctx, date: string): Ctx => ({
  ...ctx,
  clock: { now: () => new Date(`${date}T08:00:00Z`) },
});
