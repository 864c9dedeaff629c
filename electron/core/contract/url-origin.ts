/**
 * `scheme://host[:port]` of a URL, or undefined when it does not parse or has no host. WHATWG URL gives
 * custom schemes an opaque origin (`new URL('app://ghcr-desk/').origin` is the string "null"), so the
 * origin is built from the parsed parts instead, and compared whole — never with startsWith.
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : undefined;
  } catch {
    return undefined;
  }
}
