// Checks a real answer against its entry in /openapi.json: every field the answer has must be documented,
// every documented required field must be present, and types must match. A small walker over the subset of
// JSON Schema the generated document uses ($ref, object, array, oneOf/anyOf, enum/const, type lists).

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
};

export interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
        requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
        parameters?: { in: string; name: string; required?: boolean }[];
        security?: Record<string, string[]>[];
      }
    >
  >;
  components: { schemas: Record<string, JsonSchema>; securitySchemes?: Record<string, unknown> };
}

const typeOf = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? 'integer'
          : 'number'
        : typeof value;

export function problemsAgainst(
  document: OpenApiDocument,
  schema: JsonSchema,
  value: unknown,
  at = '$',
): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components.schemas[name];
    return target ? problemsAgainst(document, target, value, at) : [`${at}: unknown $ref ${name}`];
  }
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) {
    const results = branches.map((branch) => problemsAgainst(document, branch, value, at));
    return results.some((problems) => problems.length === 0)
      ? []
      : [`${at}: matches no branch (${results.map((r) => r[0]).join(' | ')})`];
  }
  if (schema.allOf) return schema.allOf.flatMap((part) => problemsAgainst(document, part, value, at));
  if ('const' in schema && schema.const !== value) return [`${at}: expected ${String(schema.const)}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${String(value)} not in enum`];
  const types = schema.type === undefined ? [] : [schema.type].flat();
  const actual = typeOf(value);
  if (types.length > 0 && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
    return [`${at}: is ${actual}, documented as ${types.join('|')}`];
  }
  if (actual === 'array' && schema.items) {
    return (value as unknown[]).flatMap((item, index) =>
      problemsAgainst(document, schema.items!, item, `${at}[${index}]`),
    );
  }
  if (actual === 'object' && (schema.properties || types.includes('object'))) {
    const object = value as Record<string, unknown>;
    const properties = schema.properties ?? {};
    const problems: string[] = [];
    for (const key of schema.required ?? []) if (!(key in object)) problems.push(`${at}.${key}: missing`);
    for (const [key, field] of Object.entries(object)) {
      const documented = properties[key];
      if (documented) problems.push(...problemsAgainst(document, documented, field, `${at}.${key}`));
      else if (schema.additionalProperties === undefined || schema.additionalProperties === false) {
        problems.push(`${at}.${key}: not in the document`);
      }
    }
    return problems;
  }
  return [];
}

/** The problems of a real response against the document's entry for that operation and status. */
export async function responseProblems(
  document: OpenApiDocument,
  operation: string,
  response: Response,
): Promise<string[]> {
  const [method, path] = operation.split(' ') as [string, string];
  const entry = document.paths[path]?.[method.toLowerCase()];
  if (!entry) return [`${operation} is not documented`];
  const documented = entry.responses[String(response.status)];
  if (!documented) return [`${operation} answered ${response.status}, which is not documented`];
  const schema = documented.content?.['application/json']?.schema;
  if (!schema) return [];
  return problemsAgainst(document, schema, await response.clone().json(), `${operation} ${response.status}`);
}
