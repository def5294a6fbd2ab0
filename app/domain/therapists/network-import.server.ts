// Importing a therapist network from CSV (docs/product.md §8.1): checks the whole file first, then
// applies it in one transaction or not at all. Re-importing updates therapists by email and their
// licenses by state, type and number, without duplicates. Imported therapists get an account and,
// after the transaction commits, an email to choose a password.
import { openSecret, sealSecret } from '#app/utils/secret-box.server.ts'
import { audit } from '#app/domain/audit/audit.server.ts'
import { dateOnly } from '#app/domain/calendar-dates.ts'
import { hashPassword, issueToken } from '#app/domain/accounts/accounts.server.ts'
import { generateToken } from '#app/domain/auth/tokens.ts'
import { therapistInvitationMessage } from '#app/domain/notifications/emails.ts'
import { loadCompactMembership } from '#app/domain/reference/compact-membership.server.ts'
import { lookupZip, ZIP_PROBLEM_MESSAGES } from '#app/domain/reference/zip-codes.server.ts'
import { type Prisma, type PrismaClient } from '#app/generated/prisma/client.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { db } from '#app/utils/db.server.ts'
import { appUrl, sendEmail } from '#app/utils/email.server.ts'
import { parseNetworkCsv, type ImportedTherapist, type ImportIssue } from './network-csv.ts'
import { importedNextCheck, importLeavesAlone } from './verification.ts'

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000

export type ImportReport = {
	dryRun: boolean
	therapists: number
	created: number
	updated: number
	licenses: number
	authorizations: number
	invited: number
}

export type ImportResult = { ok: true; report: ImportReport } | { ok: false; issues: ImportIssue[] }

export type ImportOptions = {
	dryRun?: boolean
	actorId: string | null
	/** Email new therapists a link to choose a password (the demo seed does not). */
	invite?: boolean
	now?: Date
	client?: PrismaClient
}

export async function importNetwork(text: string, options: ImportOptions): Promise<ImportResult> {
	const client = options.client ?? db()
	const now = options.now ?? new Date()
	const compacts = await loadCompactMembership(client)
	const parsed = parseNetworkCsv(text, {
		psypactMembers: compacts.psypact,
		counselingCompactMembers: compacts.counseling_compact,
		zipProblem: (zip) => {
			const found = lookupZip(zip)
			return found.ok ? null : ZIP_PROBLEM_MESSAGES[found.problem]
		},
	})
	if (parsed.issues.length) return { ok: false, issues: parsed.issues }

	const emails = parsed.therapists.map((t) => t.email)
	const existing = new Set((await client.therapist.findMany({ where: { email: { in: emails } }, select: { email: true } })).map((t) => t.email))
	const counts = {
		therapists: parsed.therapists.length,
		created: parsed.therapists.filter((t) => !existing.has(t.email)).length,
		updated: parsed.therapists.filter((t) => existing.has(t.email)).length,
		licenses: parsed.therapists.reduce((n, t) => n + t.licenses.length, 0),
		authorizations: parsed.therapists.reduce((n, t) => n + t.authorizations.length, 0),
	}
	if (options.dryRun) return { ok: true, report: { dryRun: true, ...counts, invited: 0 } }

	const toInvite = await client.$transaction(
		async (tx) => {
			const newAccounts: { email: string; userId: string }[] = []
			// One unusable password for every new account: nobody can log in until they choose one.
			const unusable = await hashPassword(generateToken() + generateToken())
			const imported: string[] = []
			for (const row of parsed.therapists) {
				const userId = await applyTherapist(tx, row, now, unusable, imported)
				if (userId) newAccounts.push({ email: row.email, userId })
			}
			// Matching reads the search rows: written in the same transaction.
			await refreshTherapistSearch(imported, { client: tx, now, compacts })
			await audit({ actorId: options.actorId, action: 'therapists.imported', entity: 'therapist', details: { ...counts, newAccounts: newAccounts.length } }, tx)
			return newAccounts
		},
		{ timeout: 300_000, maxWait: 30_000 },
	)

	let invited = 0
	if (options.invite !== false) {
		for (const { email, userId } of toInvite) {
			const token = await issueToken({ purpose: 'password_reset', email, userId }, { lifetimeMs: INVITATION_LIFETIME_MS, now })
			await sendEmail(email, therapistInvitationMessage(appUrl(`/reset-password?token=${token}`)))
			invited++
		}
	}
	return { ok: true, report: { dryRun: false, ...counts, invited } }
}

const day = (date: string) => new Date(`${date}T00:00:00Z`)
const sameDay = (a: Date, b: string) => dateOnly(a) === b

/** Creates or updates one therapist with everything on their row. The new account's id, if one was made. */
async function applyTherapist(tx: Prisma.TransactionClient, row: ImportedTherapist, now: Date, unusablePasswordHash: string, imported: string[]): Promise<string | null> {
	const nextCheckOn = (previous: { status: string; nextCheckDue: Date | null } | null, status: string, expiresOn: string) => {
		const next = importedNextCheck(previous && { status: previous.status, nextCheckDue: previous.nextCheckDue && dateOnly(previous.nextCheckDue) }, status, expiresOn, dateOnly(now))
		return next ? day(next) : null
	}
	const profile = {
		fullName: row.fullName,
		credentials: row.credentials,
		timeZone: row.timeZone,
		phases: row.phases,
		formats: row.formats,
		modalities: row.modalities,
		focusAreas: row.focusAreas,
		languages: row.languages.length ? row.languages : ['en'],
		insurancePayers: row.insurancePayers,
		selfPayRate: row.selfPayRate,
		slidingScale: row.slidingScale,
		officeZip: row.officeZip,
		weeklyCapacity: row.weeklyCapacity,
		accepting: row.accepting,
		kapTrainingHours: row.kapTrainingHours,
	}
	const therapist = await tx.therapist.upsert({
		where: { email: row.email },
		create: { email: row.email, ...profile },
		update: profile,
		select: { id: true, userId: true, licenses: true, authorizations: true, calendarFeed: { select: { urlSealed: true } } },
	})

	// The therapist's own calendar: kept sealed, read by the next periodic refresh. The same address
	// again keeps what was read from it; an empty cell leaves a calendar the therapist gave alone.
	if (row.calendarUrl) {
		const current = therapist.calendarFeed && openSecret(therapist.calendarFeed.urlSealed)
		if (!current || new TextDecoder().decode(current) !== row.calendarUrl) {
			const fields = {
				urlSealed: sealSecret(new TextEncoder().encode(row.calendarUrl)),
				host: new URL(row.calendarUrl).host,
				busy: [],
				readAt: null,
				events: null,
				lastError: null,
				triedAt: null,
				refreshAt: now,
			}
			await tx.calendarFeed.upsert({ where: { therapistId: therapist.id }, create: { therapistId: therapist.id, ...fields }, update: fields })
		}
	}

	// Licenses: matched by state, type and number; updated in place, added, or removed. A suspended
	// or revoked one stays as the admin left it, listed in the file or not.
	const wanted = new Map(row.licenses.map((l) => [`${l.state}:${l.type}:${l.number}`, l]))
	for (const license of therapist.licenses) {
		const match = wanted.get(`${license.state}:${license.type}:${license.number}`)
		wanted.delete(`${license.state}:${license.type}:${license.number}`)
		if (importLeavesAlone(license.status)) continue
		if (!match) {
			await tx.license.delete({ where: { id: license.id } })
			continue
		}
		if (license.status === match.status && sameDay(license.expiresOn, match.expiresOn)) continue
		await tx.license.update({
			where: { id: license.id },
			data: {
				status: match.status,
				expiresOn: day(match.expiresOn),
				verifiedAt: match.status === 'verified' ? (license.status === 'verified' ? license.verifiedAt : now) : null,
				nextCheckDue: nextCheckOn(license, match.status, match.expiresOn),
				// A new expiry date deserves its own notice when it nears.
				...(sameDay(license.expiresOn, match.expiresOn) ? {} : { expiryNoticeSentAt: null }),
			},
		})
	}
	if (wanted.size) {
		await tx.license.createMany({
			data: [...wanted.values()].map((l) => ({
				therapistId: therapist.id,
				state: l.state,
				type: l.type as never,
				number: l.number,
				expiresOn: day(l.expiresOn),
				status: l.status,
				verifiedAt: l.status === 'verified' ? now : null,
				nextCheckDue: nextCheckOn(null, l.status, l.expiresOn),
			})),
		})
	}

	// Authorizations: an admin import is a trusted source, so they count as verified (§8.1).
	const key = (a: { kind: string; homeState: string; states: readonly string[] }) => `${a.kind}:${a.homeState}:${[...a.states].sort().join(',')}`
	const wantedAuthorizations = new Map(row.authorizations.map((a) => [key(a), a]))
	for (const authorization of therapist.authorizations) {
		const match = wantedAuthorizations.get(key(authorization))
		wantedAuthorizations.delete(key(authorization))
		if (importLeavesAlone(authorization.status)) continue
		if (!match) {
			await tx.authorization.delete({ where: { id: authorization.id } })
			continue
		}
		if (authorization.status === 'verified' && sameDay(authorization.expiresOn, match.expiresOn)) continue
		await tx.authorization.update({
			where: { id: authorization.id },
			data: {
				status: 'verified',
				expiresOn: day(match.expiresOn),
				verifiedAt: authorization.verifiedAt ?? now,
				nextCheckDue: nextCheckOn(authorization, 'verified', match.expiresOn),
				...(sameDay(authorization.expiresOn, match.expiresOn) ? {} : { expiryNoticeSentAt: null }),
			},
		})
	}
	if (wantedAuthorizations.size) {
		await tx.authorization.createMany({
			data: [...wantedAuthorizations.values()].map((a) => ({
				therapistId: therapist.id,
				kind: a.kind,
				homeState: a.homeState,
				states: a.states,
				expiresOn: day(a.expiresOn),
				status: 'verified' as const,
				verifiedAt: now,
				nextCheckDue: nextCheckOn(null, 'verified', a.expiresOn),
			})),
		})
	}

	await tx.availabilityRule.deleteMany({ where: { therapistId: therapist.id } })
	if (row.availability.length) await tx.availabilityRule.createMany({ data: row.availability.map((rule) => ({ therapistId: therapist.id, ...rule })) })
	imported.push(therapist.id)

	if (therapist.userId) return null
	// An account with this address (a clinic coordinator, say) gets the profile; otherwise a new one.
	const user = await tx.user.findUnique({ where: { email: row.email }, select: { id: true, therapist: { select: { id: true } } } })
	if (user && !user.therapist) {
		await tx.therapist.update({ where: { id: therapist.id }, data: { userId: user.id } })
		return null
	}
	if (user) return null
	const created = await tx.user.create({ data: { email: row.email, name: row.fullName, passwordHash: unusablePasswordHash }, select: { id: true } })
	await tx.therapist.update({ where: { id: therapist.id }, data: { userId: created.id } })
	return created.id
}
