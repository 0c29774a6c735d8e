import { isMessageKey, type Translate } from "../platform/i18n/index.ts";

/** An audit event's action as people read it ("Ärende upprättat"); a code without a name shows as it is. */
export function eventName(t: Translate, action: string): string {
  const key = `event.${action}`;
  return isMessageKey(key) ? t(key) : action;
}
