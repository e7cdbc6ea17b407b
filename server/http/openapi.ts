/** The OpenAPI document, generated from the same zod schemas that validate the requests. */
import { z } from 'zod';
import type { Route } from './route';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

export function openApiDocument(routes: readonly Route[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...[...r.url.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...(r.query ? queryParameters(r.query) : []),
    ];
    const security = r.auth === 'user' ? [{ session: [] }] : r.auth === 'device' ? [{ device: [] }] : [];
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      operationId: r.id,
      summary: r.summary,
      security,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      responses: { '200': { description: 'OK' }, '4XX': { description: '{ error, message }: what was wrong and what to do' } },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'stint-server', version: '1' },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'stint_session' },
        device: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}

function queryParameters(schema: z.ZodType): Record<string, unknown>[] {
  const js = jsonSchema(schema);
  const properties = typeof js.properties === 'object' && js.properties !== null ? js.properties : {};
  const required = Array.isArray(js.required) ? js.required : [];
  return Object.entries(properties).map(([name, s]) => ({ name, in: 'query', required: required.includes(name), schema: s }));
}
