// The demo log-ins the seed creates (prisma/seed.ts), and what the log-in page lists of them in
// development so a newcomer can sign in. Never shown in production, where the seed never runs. Pure.

export const DEMO_PASSWORD = 'tandem-demo-2026'
/**
 * Two-factor sign-in is required for platform admins, so the demo admin has it on with this
 * published key: add it to an authenticator app (or compute codes with `oathtool --totp -b KEY`).
 */
export const DEMO_ADMIN_TOTP_KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
export const DEMO_ACCOUNTS = [
	{ email: 'admin@tandem.example', name: 'Avery Admin', role: 'platform admin' },
	{ email: 'tx.admin@tandem.example', name: 'Teresa Ortiz', role: 'clinic admin, Austin TX', clinic: 0, clinicRole: 'clinic_admin' },
	{ email: 'tx.coordinator@tandem.example', name: 'Marcus Lee', role: 'coordinator, Austin TX', clinic: 0, clinicRole: 'coordinator' },
	{ email: 'wa.admin@tandem.example', name: 'Hannah Berg', role: 'clinic admin, Seattle WA', clinic: 3, clinicRole: 'clinic_admin' },
	{ email: 'wa.coordinator@tandem.example', name: 'Sam Nguyen', role: 'coordinator, Seattle WA', clinic: 3, clinicRole: 'coordinator' },
	{ email: 'therapist.tx@tandem.example', name: '', role: 'therapist licensed in TX', therapistState: 'TX' },
	{ email: 'therapist.wa@tandem.example', name: '', role: 'therapist licensed in WA', therapistState: 'WA' },
	{ email: 'therapist.co@tandem.example', name: '', role: 'therapist licensed in CO', therapistState: 'CO' },
] as const

export type DemoSignIn = {
	password: string
	accounts: { email: string; role: string }[]
	/** The platform admin's authenticator key, when that account is listed. */
	adminTotpKey: string | null
}

/**
 * What the log-in page lists: the demo accounts that exist in this database, in development only.
 * `existing` holds the addresses found; none found (a database not seeded) lists nothing.
 */
export function demoSignIn(nodeEnv: 'development' | 'production' | 'test', existing: ReadonlySet<string>): DemoSignIn | null {
	if (nodeEnv !== 'development') return null
	const accounts = DEMO_ACCOUNTS.filter((a) => existing.has(a.email)).map(({ email, role }) => ({ email, role }))
	if (accounts.length === 0) return null
	return { password: DEMO_PASSWORD, accounts, adminTotpKey: accounts.some((a) => a.role === 'platform admin') ? DEMO_ADMIN_TOTP_KEY : null }
}
