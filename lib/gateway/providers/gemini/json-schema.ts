/**
 * OpenAI tools and `json_schema` response formats carry JSON Schema; Gemini's
 * `parameters` and `responseSchema` take its own OpenAPI-style subset and answer 400 to
 * anything else (`additionalProperties`, `$schema`, `const`, type arrays, `$ref`). This
 * rewrites a schema into that subset: local `$ref`s are inlined, `["x","null"]` and
 * `anyOf` with a null branch become `nullable`, a string `const` becomes a one-value enum, and
 * keywords Gemini does not know are dropped rather than sent.
 */

const KEPT = new Set([
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "required",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "example",
  "default",
  "minimum",
  "maximum",
  "propertyOrdering",
]);

/** Deep enough for any real tool schema; stops a self-referencing `$ref` from looping. */
const MAX_DEPTH = 24;

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Resolves `#/$defs/Name` and `#/definitions/Name` against the root schema. */
function resolveRef(ref: unknown, root: Json): Json | undefined {
  if (typeof ref !== "string") return undefined;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (!match) return undefined;
  const defs = root[match[1]!];
  const target = isObject(defs) ? defs[decodeURIComponent(match[2]!)] : undefined;
  return isObject(target) ? target : undefined;
}

function convert(schema: Json, root: Json, depth: number): Json {
  if (depth > MAX_DEPTH) return {};
  if ("$ref" in schema) {
    const target = resolveRef(schema.$ref, root);
    return target ? convert({ ...target, ...withoutRef(schema) }, root, depth + 1) : {};
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) if (KEPT.has(key)) out[key] = value;
  // Gemini's enum is for strings only. An enum of numbers or booleans keeps its type and
  // moves into the description, where the model still reads the allowed values.
  if (Array.isArray(out.enum) && out.enum.includes(null)) {
    out.enum = out.enum.filter((v) => v !== null);
    out.nullable = true;
  }
  if (Array.isArray(out.enum) && !out.enum.every((v) => typeof v === "string")) {
    const allowed = `Allowed values: ${out.enum.map((v) => JSON.stringify(v)).join(", ")}.`;
    out.description =
      typeof out.description === "string" && out.description
        ? `${out.description} ${allowed}`
        : allowed;
    delete out.enum;
  }

  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== "null");
    if (types.length < schema.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else if (types.length > 1)
      out.anyOf = types.map((type) => convert({ ...schema, type }, root, depth + 1));
  } else if (typeof schema.type === "string" && schema.type !== "null") {
    out.type = schema.type;
  }
  // Gemini's enum is string-only and wants its type spelled out.
  if (typeof schema.const === "string") out.enum = [schema.const];
  if (out.type === undefined) {
    const sample =
      "const" in schema ? schema.const : Array.isArray(schema.enum) ? schema.enum[0] : undefined;
    if (typeof sample === "string" || typeof sample === "boolean") out.type = typeof sample;
    else if (typeof sample === "number") out.type = "number";
  }

  const variants = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : undefined;
  if (variants) {
    const nonNull = variants.filter((v) => isObject(v) && v.type !== "null") as Json[];
    if (nonNull.length < variants.length) out.nullable = true;
    if (nonNull.length === 1) Object.assign(out, convert(nonNull[0]!, root, depth + 1));
    else if (nonNull.length > 1) out.anyOf = nonNull.map((v) => convert(v, root, depth + 1));
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && isObject(schema.allOf[0])) {
    Object.assign(out, convert(schema.allOf[0], root, depth + 1));
  }

  if (isObject(schema.properties)) {
    const properties: Json = {};
    for (const [name, prop] of Object.entries(schema.properties)) {
      if (isObject(prop)) properties[name] = convert(prop, root, depth + 1);
    }
    // Gemini rejects an empty `properties`; a free-form object is just `type: object`.
    if (Object.keys(properties).length > 0) out.properties = properties;
  }
  if (isObject(schema.items)) out.items = convert(schema.items, root, depth + 1);
  return out;
}

function withoutRef(schema: Json): Json {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}

/**
 * The Gemini form of a JSON Schema; undefined for a missing schema or an object with no
 * properties (Gemini refuses `OBJECT` parameters without properties, and a function
 * without `parameters` is how it spells "no arguments").
 */
export function toGeminiSchema(schema: unknown): Json | undefined {
  if (!isObject(schema)) return undefined;
  const out = convert(schema, schema, 0);
  if (out.type === "object" && out.properties === undefined) return undefined;
  return out;
}
