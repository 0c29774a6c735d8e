/** A piece of rendered XML; only `el` makes one, so text always passes through escaping. */
export interface XmlNode {
  readonly xml: string;
}

type Attrs = Record<string, string | number | boolean | null | undefined>;
type Child = XmlNode | null | undefined;

// Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/FFFF): dropped.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const escapeXml = (value: string): string =>
  value
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

/**
 * An element with attributes (null and undefined left out) and either escaped text or child
 * elements (null children left out), so optional parts can be written inline.
 */
export function el(name: string, attrs: Attrs = {}, content: string | Child[] = []): XmlNode {
  const attributes = Object.entries(attrs)
    .filter((e): e is [string, string | number | boolean] => e[1] !== null && e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join("");
  const inner =
    typeof content === "string"
      ? escapeXml(content)
      : content
          .filter((c): c is XmlNode => c !== null && c !== undefined)
          .map((c) => c.xml)
          .join("");
  return { xml: inner === "" ? `<${name}${attributes}/>` : `<${name}${attributes}>${inner}</${name}>` };
}

/** A whole document: declaration and root element, UTF-8. */
export const xmlDocument = (root: XmlNode): Buffer =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${root.xml}\n`, "utf8");
