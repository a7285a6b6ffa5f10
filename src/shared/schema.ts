// A small schema language: each message and file shape is written once as a value, its TypeScript type is
// derived from that value (`Infer<typeof S>`), and the same value checks data arriving from outside.
// Hand-written rather than a library because it is a few hundred bytes minified and has exactly the two
// reading modes the extension needs:
// - strict: messages crossing the webview boundary. Any wrong, missing or extra field rejects the message.
// - lenient: data read back from disk or the webview's saved state, possibly written by another version.
//   Unknown fields are ignored and values wrapped in `degrade` fall back instead of failing, so one
//   unfamiliar enum value cannot make a whole conversation unreadable.
// Results are always freshly built objects holding only the fields the schema names, so nothing unchecked
// (including keys such as `__proto__`) is carried into the extension.
import { isRecord } from './looseValues';

export type Mode = 'strict' | 'lenient';

/** Thrown while reading; `message` names the path and the problem, never the offending value. */
export class SchemaError extends Error {}

export interface Schema<T> {
  /** Returns the checked value or throws SchemaError; `path` names the value in error messages. */
  readonly read: (value: unknown, path: string, mode: Mode) => T;
}

/** A field that may be absent; `undefined` counts as absent and is left out of the result. */
export interface OptionalSchema<T> extends Schema<T> {
  readonly optional: true;
  readonly dropInvalid: boolean;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = { readonly [key: string]: Schema<unknown> };
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type InferShape<S extends Shape> = Simplify<{ readonly [K in RequiredKeys<S>]: Infer<S[K]> } & { readonly [K in OptionalKeys<S>]?: Infer<S[K]> }>;

export interface ObjectSchema<S extends Shape> extends Schema<InferShape<S>> {
  readonly shape: S;
}

export interface LiteralSchema<T extends string | number | boolean> extends Schema<T> {
  readonly value: T;
}

export interface PicklistSchema<T extends string> extends Schema<T> {
  readonly values: readonly T[];
}

function fail(path: string, problem: string): never {
  throw new SchemaError(`${path} ${problem}`);
}

export interface StringOptions {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
}

export function string(options: StringOptions = {}): Schema<string> {
  const { min = 0, max = Infinity, pattern } = options;
  return {
    read(value, path) {
      if (typeof value !== 'string') {
        fail(path, 'is not text');
      }
      if (value.length < min) {
        fail(path, min === 1 ? 'is empty' : `is shorter than ${min} characters`);
      }
      if (value.length > max) {
        fail(path, `is longer than ${max} characters`);
      }
      if (pattern && !pattern.test(value)) {
        fail(path, 'has characters that are not allowed');
      }
      return value;
    },
  };
}

export interface NumberOptions {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** How the error message names the expected value: "is not <what>". */
  readonly what?: string;
}

/** Finite numbers only: NaN and Infinity are never a valid count, time or position. */
export function number(options: NumberOptions = {}): Schema<number> {
  const { integer = false, min = -Infinity, max = Infinity, what = integer ? 'a whole number' : 'a number' } = options;
  return {
    read(value, path) {
      if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isSafeInteger(value)) || value < min || value > max) {
        fail(path, `is not ${what}`);
      }
      return value;
    },
  };
}

export function boolean(): Schema<boolean> {
  return {
    read(value, path) {
      if (typeof value !== 'boolean') {
        fail(path, 'is not true or false');
      }
      return value;
    },
  };
}

export function literal<const T extends string | number | boolean>(expected: T): LiteralSchema<T> {
  return {
    value: expected,
    read(value, path) {
      if (value !== expected) {
        fail(path, `is not ${JSON.stringify(expected)}`);
      }
      return expected;
    },
  };
}

/** One of a fixed list of strings; the list is the single source of the union type and of the check. */
export function picklist<const T extends string>(values: readonly T[]): PicklistSchema<T> {
  const known: ReadonlySet<string> = new Set(values);
  return {
    values,
    read(value, path) {
      if (typeof value !== 'string' || !known.has(value)) {
        fail(path, `is not one of ${values.join(', ')}`);
      }
      return value as T;
    },
  };
}

export interface OptionalOptions {
  /** In lenient mode, an invalid value is left out instead of failing the enclosing object. */
  readonly dropInvalid?: boolean;
}

export function optional<T>(inner: Schema<T>, options: OptionalOptions = {}): OptionalSchema<T> {
  return { optional: true, dropInvalid: options.dropInvalid ?? false, read: inner.read };
}

/** In lenient mode a value that fails `inner` (or is missing) becomes `fallback`; strict mode still rejects it. */
export function degrade<T>(inner: Schema<T>, fallback: T | ((value: unknown) => T)): Schema<T> {
  return {
    read(value, path, mode) {
      try {
        return inner.read(value, path, mode);
      } catch (error) {
        if (mode === 'strict' || !(error instanceof SchemaError)) {
          throw error;
        }
        return typeof fallback === 'function' ? (fallback as (value: unknown) => T)(value) : fallback;
      }
    },
  };
}

export interface ArrayOptions {
  readonly max?: number;
  /** In lenient mode, items that fail are left out instead of failing the whole list. */
  readonly dropInvalid?: boolean;
}

export function array<T>(item: Schema<T>, options: ArrayOptions = {}): Schema<readonly T[]> {
  const { max = Infinity, dropInvalid = false } = options;
  return {
    read(value, path, mode) {
      if (!Array.isArray(value)) {
        fail(path, 'is not a list');
      }
      if (value.length > max) {
        fail(path, `has more than ${max} items`);
      }
      const result: T[] = [];
      value.forEach((element: unknown, index) => {
        try {
          result.push(item.read(element, `${path}[${index}]`, mode));
        } catch (error) {
          if (mode === 'strict' || !dropInvalid || !(error instanceof SchemaError)) {
            throw error;
          }
        }
      });
      return result;
    },
  };
}

export function object<const S extends Shape>(shape: S): ObjectSchema<S> {
  const keys = Object.keys(shape);
  return {
    shape,
    read(value, path, mode) {
      if (!isRecord(value)) {
        fail(path, 'is not an object');
      }
      if (mode === 'strict') {
        for (const key of Object.keys(value)) {
          if (!Object.hasOwn(shape, key)) {
            fail(path, `has an unexpected field "${key.slice(0, 40)}"`);
          }
        }
      }
      const result: Record<string, unknown> = {};
      for (const key of keys) {
        const field = shape[key] as Schema<unknown> & Partial<OptionalSchema<unknown>>;
        // Own properties only: an inherited `toString` or a polluted prototype is not a field.
        const raw = Object.hasOwn(value, key) ? value[key] : undefined;
        if (field.optional && raw === undefined) {
          continue;
        }
        try {
          result[key] = field.read(raw, `${path}.${key}`, mode);
        } catch (error) {
          if (mode === 'strict' || !field.dropInvalid || !(error instanceof SchemaError)) {
            throw error;
          }
        }
      }
      return result as InferShape<S>;
    },
  };
}

type VariantOption<K extends string> = ObjectSchema<Shape & { readonly [P in K]: LiteralSchema<string> }>;

export interface VariantSchema<K extends string, O extends readonly VariantOption<K>[]> extends Schema<Infer<O[number]>> {
  readonly key: K;
  readonly options: O;
}

/** A union of object shapes told apart by one literal field (`type`, `role`). */
export function variant<const K extends string, const O extends readonly VariantOption<K>[]>(key: K, options: O): VariantSchema<K, O> {
  const byTag = new Map<string, Schema<unknown>>();
  for (const option of options) {
    byTag.set(option.shape[key].value, option);
  }
  const tags = [...byTag.keys()].join(', ');
  return {
    key,
    options,
    read(value, path, mode) {
      if (!isRecord(value)) {
        fail(path, 'is not an object');
      }
      const tag = Object.hasOwn(value, key) ? value[key] : undefined;
      const option = typeof tag === 'string' ? byTag.get(tag) : undefined;
      if (!option) {
        fail(`${path}.${key}`, `is not one of ${tags}`);
      }
      return option.read(value, path, mode) as Infer<O[number]>;
    },
  };
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Checks `value` against `schema`; the reason names where and what, for logs and "damaged file" notes. */
export function parse<T>(schema: Schema<T>, value: unknown, mode: Mode, root = 'value'): ParseResult<T> {
  try {
    return { ok: true, value: schema.read(value, root, mode) };
  } catch (error) {
    if (error instanceof SchemaError) {
      return { ok: false, reason: error.message };
    }
    throw error;
  }
}
