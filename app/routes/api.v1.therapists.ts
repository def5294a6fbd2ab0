// GET /api/v1/therapists: the partner directory for a clinic's scripts, with the same
// filters as the directory page as query parameters. Blocked therapists are left out, as on the page.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { parseDirectoryQuery } from '#app/domain/directory/directory-query.ts'
import { searchDirectory } from '#app/domain/directory/directory.server.ts'
import { invalidFields, json, methodNotAllowed, withApiKey } from '#app/utils/api.server.ts'
import { db } from '#app/utils/db.server.ts'

export function loader({ request }: LoaderFunctionArgs) {
	return withApiKey(request, async ({ clinicId }) => {
		const parsed = parseDirectoryQuery(new URL(request.url).searchParams, { strict: true })
		if (!parsed.ok) return invalidFields(parsed.problems.map((p) => ({ path: p.parameter, message: p.message })))
		const clinic = await db().clinic.findUniqueOrThrow({ where: { id: clinicId }, select: { id: true, zip: true, timeZone: true } })
		const result = await searchDirectory(clinic, parsed.query)
		return json({
			total: result.total,
			page: result.page,
			pageSize: result.pageSize,
			therapists: result.therapists.map((t) => ({
				id: t.id,
				email: t.email,
				fullName: t.fullName,
				credentials: t.credentials,
				canSeeStates: t.canSeeStates,
				inSessionStates: t.inSessionStates,
				formats: t.formats,
				phases: t.phases,
				modalities: t.modalities,
				languages: t.languages,
				...(t.miles === null ? {} : { miles: t.miles }),
			})),
		})
	})
}

export function action() {
	return methodNotAllowed('GET')
}
