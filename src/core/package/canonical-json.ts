/**
 * Canonical JSON: the one way the package writes JSON, so that the same value always gives the
 * same bytes, whatever order its keys were built in.
 *
 * - Object keys sorted by UTF-16 code units (the order of RFC 8785, JCS); arrays keep their order.
 * - Two-space indentation, `": "` after keys, LF line ends, and one LF after the value.
 *   Empty objects and arrays print as `{}` and `[]`.
 * - Strings and numbers as `JSON.stringify` prints them (deterministic in every engine).
 * - An object member whose value is `undefined` is left out, as `JSON.stringify` does. Anything
 *   JSON cannot hold (a non-finite number, `undefined` in an array, a function, a bigint, a
 *   symbol, a Date or other non-plain object) is a programming error and throws a TypeError.
 */

export function canonicalJson(value: unknown): string {
  return `${write(value, '', '$')}\n`;
}

const INDENT = '  ';

function write(value: unknown, indent: string, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`canonicalJson: ${path} is ${String(value)}, which JSON cannot hold`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(
        `canonicalJson: ${path} is ${value === undefined ? 'undefined' : `a ${typeof value}`}, which JSON cannot hold`,
      );
  }
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item: unknown, i) => {
      if (item === undefined) throw new TypeError(`canonicalJson: ${path}[${i}] is undefined`);
      return inner + write(item, inner, `${path}[${i}]`);
    });
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`canonicalJson: ${path} is not a plain object`);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort(compareCodeUnits);
  if (keys.length === 0) return '{}';
  const members = keys.map((k) => `${inner}${JSON.stringify(k)}: ${write(record[k], inner, `${path}.${k}`)}`);
  return `{\n${members.join(',\n')}\n${indent}}`;
}

/** Plain `<` on strings compares UTF-16 code units, independent of locale. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
