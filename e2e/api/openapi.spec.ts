import { expect, test } from '@playwright/test'

test('the OpenAPI 3.1 document describes the ingest endpoints and their schemas', async ({ request }) => {
  const res = await request.get('/api/v1/openapi.json')
  expect(res.status()).toBe(200)
  const doc = await res.json()
  expect(doc.openapi).toBe('3.1.0')
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/deployments', '/api/v1/incidents']))
  expect(doc.components.schemas.DeploymentInput.required).toEqual(expect.arrayContaining(['id', 'service', 'environment', 'status']))
  expect(doc.components.schemas.DeploymentInput.properties.status.enum).toEqual(['success', 'failure', 'in_progress', 'cancelled'])
  expect(doc.components.schemas.Deployment.properties.createdAt).toEqual({ type: 'string', format: 'date-time' })
  expect(doc.components.schemas.Deployment.properties.finishedAt.anyOf).toContainEqual({ type: 'string', format: 'date-time' })
  expect(doc.paths['/api/v1/deployments'].post.responses).toHaveProperty('503')
})
