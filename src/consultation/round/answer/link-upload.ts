import type { Ctx } from "../../../platform/context.ts";
import { ConflictError } from "../../../platform/errors.ts";
import { accessByLink } from "../body-access.ts";
import { recipientActions } from "../tracking.ts";

/**
 * Lets an upload without login be read only when it goes to the answer route of a live link
 * whose body may still answer; otherwise throws the link's own refusal (404, 410 or 409). Runs
 * before the body is read, so a stranger cannot make the server take in files.
 */
export async function checkLinkUpload(ctx: Ctx, secret: string): Promise<void> {
  const access = await accessByLink(ctx, secret);
  const allowed = recipientActions(access.consultation.status, access.recipient.state);
  if (!allowed.includes("answer"))
    throw new ConflictError(
      "this body cannot answer now",
      [...allowed],
      [
        {
          field: "",
          message: access.consultation.status === "closed" ? "round.closed" : "round.already_answered",
        },
      ],
    );
}
