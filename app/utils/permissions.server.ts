// The one place that decides who may load or change what. Every loader and action starts with one
// of these; they throw a redirect to the log-in page (no session), to the emailed sign-in code or
// the two-factor step (a session that has not given its second step, or an admin who must set one
// up) or a 403 (wrong role).
import { redirect } from '@remix-run/node'
import { AFTER_LOGIN } from '#app/domain/auth/redirect.ts'
import { hasClinicRole, type ClinicRole } from '#app/domain/auth/roles.ts'
import { currentRequestContext } from './request-context.server.ts'
import { readSessionToken, validateSessionToken, type AuthState } from './session.server.ts'

const memo = new WeakMap<Request, Promise<AuthState | null>>()

/** The signed-in session, or null. The HTTP layer has usually validated it already. */
export function getAuth(request: Request): Promise<AuthState | null> {
	let pending = memo.get(request)
	if (!pending) {
		const context = currentRequestContext()
		if (context) {
			pending = Promise.resolve(context.auth)
		} else {
			const token = readSessionToken(request)
			pending = token ? validateSessionToken(token) : Promise.resolve(null)
		}
		memo.set(request, pending)
	}
	return pending
}

/** The signed-in session with full access, or null (none, or a second factor still owed). */
export async function getFullAuth(request: Request): Promise<AuthState | null> {
	const auth = await getAuth(request)
	return auth?.access === 'full' ? auth : null
}

function backTo(request: Request) {
	const url = new URL(request.url)
	return new URLSearchParams({ redirectTo: url.pathname + url.search })
}

/** Any signed-in session, even one that still owes its second factor: for the two-factor pages. */
export async function requireSession(request: Request): Promise<AuthState> {
	const auth = await getAuth(request)
	if (!auth) throw redirect(`/login?${backTo(request)}`)
	return auth
}

/** A signed-in person with full access: second factor given where the account has one or needs one. */
export async function requireUser(request: Request): Promise<AuthState> {
	const auth = await requireSession(request)
	if (auth.access === 'sign_in_code') throw redirect(`/login/code?${backTo(request)}`)
	if (auth.access === 'two_factor') throw redirect(`/login/two-factor?${backTo(request)}`)
	if (auth.access === 'two_factor_setup') throw redirect(`/account/two-factor?${backTo(request)}`)
	return auth
}

/** Pages for signed-out people (log-in, sign-up) send signed-in people on. */
export async function requireAnonymous(request: Request, to = AFTER_LOGIN) {
	if (await getAuth(request)) throw redirect(to)
}

export async function requireClinicMember(request: Request, clinicId: string, role?: ClinicRole): Promise<AuthState> {
	const auth = await requireUser(request)
	if (!hasClinicRole(auth.principal, clinicId, role)) throw forbidden()
	return auth
}

export async function requireTherapist(request: Request): Promise<AuthState & { therapistId: string }> {
	const auth = await requireUser(request)
	if (!auth.principal.therapistId) throw forbidden()
	return { ...auth, therapistId: auth.principal.therapistId }
}

export async function requireAdmin(request: Request): Promise<AuthState> {
	const auth = await requireUser(request)
	if (!auth.principal.isPlatformAdmin) throw forbidden()
	return auth
}

function forbidden() {
	return new Response('Forbidden', { status: 403 })
}
