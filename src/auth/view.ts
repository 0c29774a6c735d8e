import type { FastifyReply, FastifyRequest } from "fastify";
import { viewFor } from "../web/render.ts";
import type { View } from "../web/view.ts";
import type { Actor } from "./actor.ts";
import { type Action, can, type Subject } from "./policy.ts";

/** A page's view for templates that ask the policy: who the actor is and what they may do. */
export interface ActorView extends View {
  actor: Actor;
  /** The policy's answers, so a page offers only what the actor may do. */
  can: (action: Action, subject?: Subject) => boolean;
}

/** The view of a request, with its actor; issues the CSRF token that the page's forms carry. */
export function actorViewFor(req: FastifyRequest, reply: FastifyReply): ActorView {
  const { actor } = req;
  return { ...viewFor(req, reply), actor, can: (action, subject) => can(actor, action, subject) };
}
