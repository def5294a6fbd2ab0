// Where a signed-in person starts: the logo leads here. Each role's work list is its home.
import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { navigationRole } from '#app/domain/auth/roles.ts'
import { requireUser } from '#app/utils/permissions.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const auth = await requireUser(request)
	const principal = auth.principal
	switch (navigationRole(principal)) {
		case 'platform_admin':
			return redirect('/admin/verification')
		case 'clinic_admin':
		case 'coordinator':
			return redirect(`/clinics/${principal.memberships[0]!.clinicId}/referrals`)
		case 'therapist':
			return redirect('/therapist/offers')
		default:
			return redirect('/account')
	}
}
