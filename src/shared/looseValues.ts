// Readers for values of unknown shape (server JSON, error objects, other extensions' parts). One definition
// each, so the stream adapters, error classification and model catalogue agree on what counts as an object or
// a usable string.

/** A plain object (not null, not an array) whose fields may be read one by one. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object to read fields from, or undefined when it is not one (null, arrays, primitives). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** A string with at least one character, exactly as given (streamed text keeps its spaces and newlines). */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A string with something besides whitespace, trimmed (ids and labels, where surrounding spaces are noise). */
export function trimmedString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
