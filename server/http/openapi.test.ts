import { expect, it } from 'vitest';
import { openApiDocument } from './openapi';
import { ROUTES } from './routes';

it('documents every route of the table with the schemas that validate it', () => {
  const doc = openApiDocument(ROUTES) as {
    paths: Record<
      string,
      Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>
    >;
  };
  const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((o) => o.operationId));
  expect(operations.sort()).toEqual(ROUTES.map((r) => r.id).sort());
  const push = doc.paths['/api/sync/push']!.post!.requestBody!.content['application/json']!.schema;
  expect(Object.keys(push.properties ?? {})).toEqual(['schemaVersion', 'deviceId', 'batch']);
  expect(Object.keys(doc.paths)).toContain('/api/devices/{id}/revoke');
});
