import type { FieldError } from "../../platform/errors.ts";
import type { View } from "../view.ts";
import { InlineError } from "./InlineError.tsx";
import { errorFor } from "./messages.ts";

interface FieldProps {
  view: View;
  name: string;
  /** The element id and the error key, when several fields on a page share a name. */
  id?: string;
  label: string;
  value?: string | null | undefined;
  errors?: FieldError[];
  hint?: string;
  type?: "text" | "email" | "password" | "tel" | "search" | "number";
  autocomplete?: string;
  required?: boolean;
  /** A select instead of a text input: [value, label] pairs. */
  options?: [string, string][];
  width?: "short" | "full";
  /** A multi-line text area with this many rows instead of a one-line input. */
  rows?: number;
  /**
   * Values offered as the reader types (a datalist: browsers filter it by what is typed, and the
   * field stays a plain text input without JavaScript); the server decides what it accepts.
   */
  suggestions?: string[];
}

/** A labelled input with its hint and inline error, in the GOV.UK pattern. */
export function Field(props: FieldProps) {
  const { view, name, label, value, errors = [], hint, type = "text", options } = props;
  const id = props.id ?? name;
  const error = errorFor(errors, id);
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  const common = {
    id,
    name,
    "aria-describedby": describedBy || undefined,
    "aria-invalid": error ? "true" : undefined,
    required: props.required,
  };
  return (
    <div class={error ? "field field-error" : "field"}>
      <label for={id} safe>
        {label}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`} safe>
          {hint}
        </p>
      ) : null}
      <InlineError view={view} id={id} error={error} />
      {props.rows ? (
        <textarea {...common} rows={String(props.rows)} safe>
          {value ?? ""}
        </textarea>
      ) : options ? (
        <select {...common}>
          {options.map(([v, text]) => (
            <option value={v} selected={v === (value ?? "")} safe>
              {text}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={type}
          value={value ?? undefined}
          autocomplete={props.autocomplete}
          class={props.width === "short" ? "input-short" : undefined}
          list={props.suggestions ? `${id}-list` : undefined}
        />
      )}
      {props.suggestions ? (
        <datalist id={`${id}-list`}>
          {props.suggestions.map((v) => (
            <option value={v} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}
