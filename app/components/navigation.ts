// Which links the app shell shows, by role. The server enforces access; this only hides what a
// role cannot use. Every signed-in role starts with its home; the shell always adds the account.

import { type NavigationRole } from '#app/domain/auth/roles.ts'

export type Role = NavigationRole

export type NavLink = { to: string; label: string }

const PUBLIC: NavLink[] = [
	{ to: '/#clinics', label: 'For clinics' },
	{ to: '/#therapists', label: 'For therapists' },
	{ to: '/#patients', label: 'For patients' },
	{ to: '/#privacy', label: 'Privacy' },
]

/** What the links point at: the clinic a member works in (their first, for now). */
export type NavigationContext = { clinicId?: string | null }

const HOME: NavLink = { to: '/home', label: 'Home' }

const BY_ROLE: Record<Role, (context: NavigationContext) => NavLink[]> = {
	visitor: () => PUBLIC,
	member: () => [HOME],
	clinic_admin: (context) => [
		HOME,
		...clinicLinks(context),
		...(context.clinicId
			? [
					{ to: `/clinics/${context.clinicId}/api-keys`, label: 'API keys' },
					{ to: `/clinics/${context.clinicId}/billing`, label: 'Billing' },
				]
			: []),
	],
	coordinator: (context) => [HOME, ...clinicLinks(context)],
	therapist: () => [HOME, { to: '/therapist/offers', label: 'Offers' }, { to: '/therapist/profile', label: 'My profile' }],
	platform_admin: () => [
		HOME,
		{ to: '/admin/verification', label: 'Verification' },
		{ to: '/admin/credentials', label: 'Credential checks' },
		{ to: '/admin/import', label: 'Import therapists' },
		{ to: '/admin/coverage', label: 'Supply and demand' },
	],
}

function clinicLinks({ clinicId }: NavigationContext): NavLink[] {
	return clinicId
		? [
				{ to: `/clinics/${clinicId}/referrals`, label: 'Referrals' },
				{ to: `/clinics/${clinicId}/therapists`, label: 'Therapists' },
				{ to: `/clinics/${clinicId}/members`, label: 'Team' },
			]
		: []
}

export function navigationFor(role: Role, context: NavigationContext = {}): NavLink[] {
	return BY_ROLE[role](context)
}
