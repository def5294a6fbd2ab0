// GET /api/v1/openapi.json: the clinic API's OpenAPI document, public like any API reference.
import { openApiDocument } from '#app/domain/api/openapi.ts'
import { appUrl } from '#app/utils/email.server.ts'
import { json, methodNotAllowed } from '#app/utils/api.server.ts'

export function loader() {
	return json(openApiDocument(appUrl('/')), 200, { 'Cache-Control': 'public, max-age=300' })
}

export function action() {
	return methodNotAllowed('GET')
}
