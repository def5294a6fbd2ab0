// Which links the app shell shows, by role. The server enforces access; this only hides what a
// role cannot use. Roles arrive with accounts; until then everyone is a visitor.

export type Role = 'visitor' | 'clinic_admin' | 'coordinator' | 'therapist' | 'platform_admin'

export type NavLink = { to: string; label: string }

const VISITOR: NavLink[] = [
	{ to: '/#clinics', label: 'For clinics' },
	{ to: '/#therapists', label: 'For therapists' },
	{ to: '/#patients', label: 'For patients' },
	{ to: '/#privacy', label: 'Privacy' },
]

const BY_ROLE: Record<Role, NavLink[]> = {
	visitor: VISITOR,
	clinic_admin: [
		{ to: '/clinic/referrals', label: 'Referrals' },
		{ to: '/clinic/partners', label: 'Partners' },
		{ to: '/clinic/settings', label: 'Settings' },
	],
	coordinator: [
		{ to: '/clinic/referrals', label: 'Referrals' },
		{ to: '/clinic/partners', label: 'Partners' },
	],
	therapist: [
		{ to: '/therapist/offers', label: 'Offers' },
		{ to: '/therapist/profile', label: 'Profile' },
	],
	platform_admin: [
		{ to: '/admin/verification', label: 'Verification' },
		{ to: '/admin/network', label: 'Network' },
	],
}

export function navigationFor(role: Role): NavLink[] {
	return BY_ROLE[role]
}
