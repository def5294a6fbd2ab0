// Which links the app shell shows, by role. The server enforces access; this only hides what a
// role cannot use. A role's areas (referrals, offers, verification…) are added here by the issue
// that builds them; until then signed-in people see their account (which the shell always shows).

import { type NavigationRole } from '#app/domain/auth/roles.ts'

export type Role = NavigationRole

export type NavLink = { to: string; label: string }

const PUBLIC: NavLink[] = [
	{ to: '/#clinics', label: 'For clinics' },
	{ to: '/#therapists', label: 'For therapists' },
	{ to: '/#patients', label: 'For patients' },
	{ to: '/#privacy', label: 'Privacy' },
]

const BY_ROLE: Record<Role, NavLink[]> = {
	visitor: PUBLIC,
	clinic_admin: [],
	coordinator: [],
	therapist: [],
	platform_admin: [],
}

export function navigationFor(role: Role): NavLink[] {
	return BY_ROLE[role]
}
