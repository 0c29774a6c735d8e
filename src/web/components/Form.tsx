import type { PropsWithChildren } from "@kitajs/html";
import type { View } from "../view.ts";

/** A POST form that carries the CSRF token; `novalidate` so the server's messages are the ones shown. */
export function Form({
  view,
  action,
  children,
  class: className,
  multipart,
}: PropsWithChildren<{ view: View; action: string; class?: string; multipart?: boolean }>) {
  return (
    <form
      method="post"
      action={action}
      novalidate
      class={className}
      enctype={multipart ? "multipart/form-data" : undefined}
    >
      <input type="hidden" name="_csrf" value={view.csrfToken} />
      {children}
    </form>
  );
}

/** A one-button form for an action (log out, revoke, switch language). */
export function ActionButton({
  view,
  action,
  label,
  secondary,
  hidden,
}: {
  view: View;
  action: string;
  label: string;
  secondary?: boolean;
  hidden?: Record<string, string>;
}) {
  return (
    <Form view={view} action={action} class="inline-form">
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={secondary ? "button secondary" : "button"} safe>
        {label}
      </button>
    </Form>
  );
}
