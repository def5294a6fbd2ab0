// Deterministic demo data: clinics in Texas, Washington and a few other states, ~200 therapists
// with licences, PSYPACT and Counseling Compact authorizations, modalities and weekly
// availability, and referrals at every stage of their life. The same anchor date always gives
// the same data; by default the anchor is the Monday of the current week (UTC), so dates stay
// current while a week's runs agree. Names and bios come from demo-profiles.ts; about a third of
// the therapists have an illustrated portrait (demo-photos.ts: DiceBear Notionists, CC0 1.0).
import { Faker, en } from '@faker-js/faker'
import { hash } from '@node-rs/argon2'
import { decodeBase32IgnorePadding } from '@oslojs/encoding'
import { type PrismaClient, type ReferralStatus } from '#app/generated/prisma/client.ts'
import { rebuildTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { enqueue } from '#app/domain/outbox/outbox.server.ts'
import { isIndependentLicense, licenseProfession, type LicenseTypeSlug } from '#app/domain/reference/index.ts'
import { ensureReferenceData } from '#app/domain/reference/reference-data.server.ts'
import { DEFAULT_DOSE_MINUTES, DEFAULT_INTEGRATION_WINDOW, DEFAULT_PREPARATION_WINDOW, type Series } from '#app/domain/referrals/dosing.ts'
import { offerExpiresAt } from '#app/domain/referrals/offers.ts'
import { createPlan, PLAN_REFERRAL_STATUSES } from '#app/domain/series/plan.server.ts'
import { firstSessionOccurrence, occurrence } from '#app/domain/series/plan.ts'
import { scheduleSessionReminders } from '#app/domain/series/session-reminders.server.ts'
import { formatIssue } from '#app/domain/therapists/network-csv.ts'
import { importNetwork } from '#app/domain/therapists/network-import.server.ts'
import { sealSecret } from '#app/utils/secret-box.server.ts'
import { DEMO_ACCOUNTS, DEMO_ADMIN_TOTP_KEY, DEMO_PASSWORD } from '#app/domain/accounts/demo-accounts.ts'
import { toNetworkCsv } from '#tests/factories/network-csv.ts'
import { buildClinic } from '#tests/factories/clinics.ts'
import { PLACES, placesIn } from '#tests/factories/places.ts'
import { buildReferral } from '#tests/factories/referrals.ts'
import { addDays, buildTherapist, type TherapistBuild } from '#tests/factories/therapists.ts'
import { type PortraitSpec, renderPortrait } from './demo-photos.ts'
import { composeBio, demoClinicName, demoKapProgram, demoPracticeName } from './demo-profiles.ts'

export { DEMO_ACCOUNTS, DEMO_ADMIN_TOTP_KEY, DEMO_PASSWORD }

export const SEED = 20_261_122

/** Therapists per home state; 200 in all. */
const THERAPISTS_PER_STATE: Record<string, number> = {
	TX: 35,
	WA: 28,
	CO: 14,
	FL: 14,
	NY: 14,
	CA: 16,
	AZ: 10,
	MN: 10,
	IL: 8,
	OR: 8,
	GA: 6,
	MA: 6,
	NC: 6,
	PA: 6,
	UT: 4,
	VA: 4,
	MI: 3,
	OH: 3,
	TN: 3,
	NM: 2,
}

const CLINICS = [
	{ city: 'Austin', state: 'TX' },
	{ city: 'Houston', state: 'TX' },
	{ city: 'Dallas', state: 'TX' },
	{ city: 'Seattle', state: 'WA' },
	{ city: 'Spokane', state: 'WA' },
	{ city: 'Denver', state: 'CO' },
	{ city: 'Miami', state: 'FL' },
	{ city: 'New York', state: 'NY' },
	{ city: 'Phoenix', state: 'AZ' },
]

/** Counsellors in these states hold Counseling Compact privileges for AZ or MN in the demo. */
const COMPACT_COUNSELOR_STATES = new Set(['CO', 'UT', 'GA', 'NC', 'TN', 'VA', 'OH', 'WA'])

export function seedAnchor(now: Date = new Date()): Date {
	const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
	const mondayOffset = (day.getUTCDay() + 6) % 7
	return addDays(day, -mondayOffset)
}

export type DemoData = ReturnType<typeof buildDemoData>

/** Builds the demo data as plain values: no database, so it can be checked for determinism. */
export function buildDemoData(anchor: Date) {
	const faker = new Faker({ locale: [en] })
	faker.seed(SEED)
	faker.setDefaultRefDate(anchor)

	// Names, bios and portraits draw from their own stream, so the profiles (and the tests that
	// rely on who is licensed where) do not move when the words change.
	const words = new Faker({ locale: [en] })
	words.seed(SEED + 1)

	const clinicNames = new Set<string>()
	const clinics = CLINICS.map(({ city, state }) => {
		const place = PLACES.find((p) => p.city === city && p.state === state)!
		return buildClinic(faker, place, { name: demoClinicName(words, place, clinicNames) })
	})

	const therapists: TherapistBuild[] = []
	const practices = new Set<string>()
	const bios = new Set<string>()
	for (const [state, count] of Object.entries(THERAPISTS_PER_STATE)) {
		const places = placesIn(state)
		for (let i = 0; i < count; i++) {
			const place = places[i % places.length]!
			const build = buildTherapist(faker, place, { today: anchor, index: therapists.length + 1 })
			addAuthorizations(faker, build, state, anchor)
			const t = build.therapist
			t.kapProgram = demoKapProgram(words, t.kapTrainingHours ?? 0)
			const lastName = t.fullName.split(' ').at(-1)!
			const practice = demoPracticeName(words, { lastName, state, licenseType: build.licenses[0]!.type as LicenseTypeSlug }, practices)
			// Bios are told apart by their practice and a dozen drawn fragments; draw again on the rare repeat.
			do {
				t.bio = composeBio(words, build, { place, practice })
			} while (bios.has(t.bio))
			bios.add(t.bio)
			therapists.push(build)
		}
	}
	// The demo therapist log-ins own real profiles: a verified independent license at home and
	// accepting referrals, so the accounts see offers later.
	for (const account of DEMO_ACCOUNTS) {
		if (!('therapistState' in account)) continue
		const owned = therapists.find(({ licenses, therapist }) => {
			const home = licenses[0]!
			return home.state === account.therapistState && home.status === 'verified' && isIndependentLicense(home.type) && therapist.accepting
		})!
		owned.therapist.email = account.email
	}
	// About a third have a portrait; the demo log-ins have none, so uploading one can be tried.
	const portraits: { email: string; spec: PortraitSpec }[] = []
	for (const { therapist } of therapists) {
		if (!words.datatype.boolean(0.34) || DEMO_THERAPIST_EMAILS.has(therapist.email)) continue
		portraits.push({ email: therapist.email, spec: { seed: therapist.email, beard: !isFemaleName(therapist.fullName.split(' ')[0]!) } })
	}
	return { clinics, therapists, portraits, faker }
}

const FEMALE_NAMES = new Set(en.person!.first_name!.female)
const MALE_NAMES = new Set(en.person!.first_name!.male)

/** No beard on a portrait for a first name only ever given to women. */
function isFemaleName(first: string): boolean {
	return FEMALE_NAMES.has(first) && !MALE_NAMES.has(first)
}

function addAuthorizations(faker: Faker, build: TherapistBuild, homeState: string, today: Date) {
	const home = build.licenses[0]!
	if (home.status !== 'verified' || !isIndependentLicense(home.type)) return
	const profession = licenseProfession(home.type)
	const expiresOn = addDays(today, faker.number.int({ min: 90, max: 700 }))
	const verifiedAt = addDays(today, -faker.number.int({ min: 5, max: 200 }))
	if (profession === 'psychologist' && faker.datatype.boolean(0.6) && homeState !== 'CA' && homeState !== 'NY' && homeState !== 'OR' && homeState !== 'NM' && homeState !== 'MA') {
		// An empty list means every PSYPACT member state, as of the membership table.
		build.authorizations.push({ kind: 'psypact_apit', homeState, states: [], expiresOn, status: 'verified', verifiedAt })
	}
	if (profession === 'counselor' && COMPACT_COUNSELOR_STATES.has(homeState) && faker.datatype.boolean(0.4)) {
		for (const remote of faker.helpers.arrayElements(['AZ', 'MN'], { min: 1, max: 2 })) {
			build.authorizations.push({ kind: 'counseling_privilege', homeState, states: [remote], expiresOn, status: 'verified', verifiedAt })
		}
	}
	if (homeState !== 'FL' && faker.datatype.boolean(0.08)) {
		build.authorizations.push({
			kind: 'state_telehealth',
			homeState,
			states: ['FL'],
			expiresOn,
			status: faker.datatype.boolean(0.8) ? 'verified' : 'pending',
			verifiedAt: null,
		})
	}
}

/** A referral's path through the lifecycle to reach each demo status (docs/product.md §4). */
const PATHS: Record<ReferralStatus, ReferralStatus[]> = {
	draft: ['draft'],
	open: ['draft', 'open'],
	shortlisted: ['draft', 'open', 'shortlisted'],
	matched: ['draft', 'open', 'shortlisted', 'matched'],
	scheduled: ['draft', 'open', 'shortlisted', 'matched', 'scheduled'],
	in_care: ['draft', 'open', 'shortlisted', 'matched', 'scheduled', 'in_care'],
	completed: ['draft', 'open', 'shortlisted', 'matched', 'scheduled', 'in_care', 'completed'],
	cancelled: ['draft', 'open', 'cancelled'],
	unfilled: ['draft', 'open', 'unfilled'],
}

const DEMO_REFERRALS: { clinic: number; status: ReferralStatus; dosingInDays: number }[] = [
	{ clinic: 0, status: 'draft', dosingInDays: 16 },
	{ clinic: 0, status: 'open', dosingInDays: 10 },
	{ clinic: 0, status: 'shortlisted', dosingInDays: 8 },
	{ clinic: 0, status: 'in_care', dosingInDays: -9 },
	{ clinic: 1, status: 'matched', dosingInDays: 6 },
	{ clinic: 1, status: 'completed', dosingInDays: -60 },
	{ clinic: 2, status: 'unfilled', dosingInDays: 3 },
	{ clinic: 3, status: 'open', dosingInDays: 12 },
	{ clinic: 3, status: 'scheduled', dosingInDays: 4 },
	{ clinic: 3, status: 'cancelled', dosingInDays: 14 },
	{ clinic: 4, status: 'shortlisted', dosingInDays: 9 },
	{ clinic: 5, status: 'open', dosingInDays: 11 },
	{ clinic: 6, status: 'scheduled', dosingInDays: 5 },
	{ clinic: 7, status: 'draft', dosingInDays: 20 },
]

/**
 * Seeds the demo network. `anchor` (the Monday of this week by default) places everything; `now`
 * (the moment of seeding by default, the anchor when one is given, so tests stay deterministic)
 * places the open referrals' posting a few hours back, so their offers still wait for answers
 * when the demo is opened.
 */
export async function seedDemoData(prisma: PrismaClient, options: { anchor?: Date; now?: Date } = {}) {
	const anchor = options.anchor ?? seedAnchor()
	const now = options.now ?? options.anchor ?? new Date()
	const openPostedAt = new Date(Math.floor((now.getTime() - 3 * 3_600_000) / 3_600_000) * 3_600_000)
	const { clinics, therapists, portraits, faker } = buildDemoData(anchor)

	const clinicIds: string[] = []
	for (const clinic of clinics) clinicIds.push((await prisma.clinic.create({ data: clinic, select: { id: true } })).id)

	// Therapists arrive through the network importer, as a real network would (docs/product.md §8.1).
	await ensureReferenceData(prisma)
	const imported = await importNetwork(toNetworkCsv(therapists), { actorId: null, invite: false, now: anchor, client: prisma })
	if (!imported.ok) throw new Error(`The demo network does not import: ${imported.issues.slice(0, 3).map(formatIssue).join('; ')}`)
	const idByEmail = new Map((await prisma.therapist.findMany({ select: { id: true, email: true } })).map((t) => [t.email, t.id]))
	const therapistIds = therapists.map((build) => ({ id: idByEmail.get(build.therapist.email)!, build }))
	for (const { id, build } of therapistIds) {
		// What the CSV does not carry: the parts of a profile therapists write themselves.
		const { pronouns, bio, kapProgram, kapYear } = build.therapist
		await prisma.therapist.update({ where: { id }, data: { pronouns, bio, kapProgram, kapYear } })
		// Authorizations therapists entered themselves wait for verification; an import cannot say so.
		for (const pending of build.authorizations.filter((a) => a.status === 'pending')) {
			await prisma.authorization.updateMany({
				where: { therapistId: id, kind: pending.kind, homeState: pending.homeState, states: { equals: pending.states as string[] } },
				data: { status: 'pending', verifiedAt: null, nextCheckDue: null },
			})
		}
	}
	await prisma.therapistPhoto.createMany({
		data: portraits.map(({ email, spec }) => ({ therapistId: idByEmail.get(email)!, type: 'image/png', base64: Buffer.from(renderPortrait(spec)).toString('base64') })),
	})
	// A few board checks fell due in the past weeks, so the credential checks page has work to show.
	const due = await prisma.license.findMany({ where: { status: 'verified' }, orderBy: [{ therapist: { email: 'asc' } }, { state: 'asc' }, { number: 'asc' }], take: 4, select: { id: true } })
	for (const [i, license] of due.entries()) await prisma.license.update({ where: { id: license.id }, data: { nextCheckDue: addDays(anchor, -7 * i) } })

	await seedDemoAccounts(prisma, clinicIds, therapistIds, anchor)

	let referrals = 0
	for (const spec of DEMO_REFERRALS) {
		const clinic = clinics[spec.clinic]!
		const firstDosingAt = atUtcHour(addDays(anchor, spec.dosingInDays), 15)
		const { referral, patient } = buildReferral(faker, {
			clinicId: clinicIds[spec.clinic]!,
			patientState: clinic.state,
			firstDosingAt,
			clinicTimeZone: clinic.timeZone,
		})
		const path = PATHS[spec.status]
		const posted = path.includes('open')
		const daysAhead = faker.number.int({ min: 6, max: 12 })
		const createdAt = spec.status === 'open' ? addDays(openPostedAt, -1) : addDays(firstDosingAt, -daysAhead)
		const postedAt = posted ? addDays(createdAt, 1) : null
		const candidates = therapistIds.filter(({ build }) => build.licenses.some((l) => l.state === clinic.state && l.status === 'verified' && isIndependentLicense(l.type)))
		const picked = posted ? faker.helpers.arrayElements(candidates, Math.min(5, candidates.length)) : []
		// The demo therapist log-ins licensed in the state get the first offer (pending, accepted or
		// chosen by the referral's status), so their inbox shows every kind of offer.
		const demo = candidates.find(({ build }) => DEMO_THERAPIST_EMAILS.has(build.therapist.email))
		const offered = posted && demo ? [demo, ...picked.filter((c) => c !== demo)].slice(0, picked.length) : picked
		// The factory gives phases and doses as lists, and leaves the dose's length and the windows to the database's defaults.
		const proposed = demoFirstSessionTimes({
			phases: referral.phases as string[],
			doses: referral.dosingSessionsAt as Date[],
			doseMinutes: DEFAULT_DOSE_MINUTES,
			preparationWindowHours: DEFAULT_PREPARATION_WINDOW,
			integrationWindowHours: DEFAULT_INTEGRATION_WINDOW,
		})
		const offers = offered.map(({ id }, i) => {
			const outcome = offerOutcome(spec.status, i, postedAt!)
			return {
				therapistId: id,
				round: 1,
				sentAt: postedAt!,
				expiresAt: offerExpiresAt(postedAt!, referral.urgency ?? 'routine'),
				proposedTimes: outcome.respondedAt && outcome.status !== 'declined' ? proposed : [],
				...outcome,
			}
		})
		const booked = ['scheduled', 'in_care', 'completed'].includes(spec.status)
		const lastDose = (referral.dosingSessionsAt as Date[]).at(-1)!
		const events = path.map((toStatus, i) => ({
			actor: i === 0 ? 'clinic' : toStatus === 'shortlisted' || toStatus === 'in_care' ? 'therapist' : 'clinic',
			fromStatus: i === 0 ? null : path[i - 1]!,
			toStatus,
			// In care once the first session took place (an hour after it began), completed a week after the last dose.
			at: toStatus === 'in_care' ? addHours(proposed[0]!, 1) : toStatus === 'completed' ? addDays(lastDose, 7) : addDays(createdAt, i),
			reason: toStatus === 'unfilled' ? 'No therapist accepted after 3 rounds.' : toStatus === 'cancelled' ? 'Patient postponed treatment.' : null,
		}))
		await prisma.referral.create({
			data: {
				...referral,
				status: spec.status,
				createdAt,
				postedAt,
				matchingRound: posted ? (spec.status === 'unfilled' ? 3 : 1) : 0,
				firstSessionAt: booked ? proposed[0] : null,
				outcome: spec.status === 'completed' ? 'goals_met' : null,
				patient: { create: patient },
				offers: { create: offers },
				events: { create: events },
			},
		})
		referrals++
	}
	// Referrals past the patient's choice have their series plan, made as the choice makes it, from the
	// therapist's free time then; the therapist confirmed the scheduled ones' sessions, and those of a
	// patient in care that have taken place were held (those that never found a time, cancelled).
	const chosen = await prisma.referral.findMany({
		where: { status: { in: [...PLAN_REFERRAL_STATUSES] } },
		select: { id: true, status: true, events: { where: { toStatus: 'matched' }, select: { at: true } } },
		orderBy: { createdAt: 'asc' },
	})
	for (const referral of chosen) {
		await prisma.$transaction((tx) => createPlan(tx, referral.id, referral.events[0]!.at))
		if (referral.status === 'matched') continue
		await prisma.plannedSession.updateMany({ where: { referralId: referral.id, needsTime: false }, data: { status: 'booked', sequence: 1 } })
		await prisma.$transaction((tx) => scheduleSessionReminders(tx, referral.id, now))
		if (referral.status !== 'in_care') continue
		await prisma.plannedSession.updateMany({ where: { referralId: referral.id, status: 'booked', endsAt: { lte: now } }, data: { status: 'held', sequence: 2 } })
		// A session no free time was found for, whose window has passed, did not happen.
		await prisma.plannedSession.updateMany({ where: { referralId: referral.id, needsTime: true, endsAt: { lte: now } }, data: { status: 'cancelled', sequence: 1 } })
	}
	// Every pending offer expires at the end of its window, as a posted one would (the worker does it).
	for (const offer of await prisma.offer.findMany({ where: { status: 'pending' }, select: { id: true, expiresAt: true }, orderBy: { id: 'asc' } })) {
		await enqueue(prisma, 'offer_expiry', { offerId: offer.id }, { runAt: offer.expiresAt, dedupeKey: `offer-expiry:${offer.id}` })
	}
	// Matching reads the search rows: written last, once offers (and so responsiveness) exist.
	await rebuildTherapistSearch({ client: prisma, now: anchor })
	return { clinics: clinicIds.length, therapists: therapistIds.length, referrals, accounts: DEMO_ACCOUNTS.length }
}

async function seedDemoAccounts(prisma: PrismaClient, clinicIds: string[], therapists: { id: string; build: TherapistBuild }[], anchor: Date) {
	const passwordHash = await hash(DEMO_PASSWORD)
	for (const account of DEMO_ACCOUNTS) {
		let name: string = account.name
		let therapistId: string | undefined
		if ('therapistState' in account) {
			const owned = therapists.find(({ build }) => build.therapist.email === account.email)!
			name = owned.build.therapist.fullName
			therapistId = owned.id
		}
		if (therapistId) {
			// The importer made this therapist's account; give it the demo password.
			await prisma.user.update({ where: { email: account.email }, data: { name, passwordHash, emailVerifiedAt: anchor } })
			continue
		}
		const isPlatformAdmin = account.role === 'platform admin'
		const user = await prisma.user.create({
			data: {
				email: account.email,
				name,
				passwordHash,
				emailVerifiedAt: anchor,
				isPlatformAdmin,
				...(isPlatformAdmin ? { totpKey: sealSecret(decodeBase32IgnorePadding(DEMO_ADMIN_TOTP_KEY)), totpEnabledAt: anchor } : {}),
			},
			select: { id: true },
		})
		if ('clinic' in account) {
			await prisma.clinicMember.create({ data: { clinicId: clinicIds[account.clinic]!, userId: user.id, role: account.clinicRole } })
		}
	}
}

function offerOutcome(status: string, index: number, postedAt: Date) {
	const respondedAt = addDays(postedAt, 1)
	switch (status) {
		case 'open':
			return { status: 'pending' as const, respondedAt: null }
		case 'shortlisted':
			return index < 2 ? { status: 'accepted' as const, respondedAt } : { status: 'pending' as const, respondedAt: null }
		case 'matched':
		case 'scheduled':
		case 'in_care':
		case 'completed':
			return index === 0 ? { status: 'chosen' as const, respondedAt } : index === 1 ? { status: 'released' as const, respondedAt } : { status: 'withdrawn' as const, respondedAt: null }
		case 'unfilled':
			return index === 0 ? { status: 'declined' as const, respondedAt, declineReason: 'no_capacity' } : { status: 'expired' as const, respondedAt: null }
		default:
			return { status: 'withdrawn' as const, respondedAt: null }
	}
}

const DEMO_THERAPIST_EMAILS = new Set<string>(DEMO_ACCOUNTS.filter((a) => 'therapistState' in a).map((a) => a.email))

/**
 * Two first-session times the therapists proposed, 17:00 and 19:00 UTC on a day inside the first
 * session's window: the last such day before the first dose for preparation, else the first (the
 * dose's own time for in-session support alone).
 */
function demoFirstSessionTimes(series: Series): Date[] {
	const { phase } = firstSessionOccurrence(series)
	const { window, minutes } = occurrence(series, phase, 1)!
	if (phase === 'in_session') return [window.start]
	const fits = (day: Date) => atUtcHour(day, 17) >= window.start && addHours(atUtcHour(day, 19), minutes / 60) <= window.end
	let day = phase === 'preparation' ? window.end : window.start
	while (!fits(day)) day = addDays(day, phase === 'preparation' ? -1 : 1)
	return [atUtcHour(day, 17), atUtcHour(day, 19)]
}

function addHours(at: Date, hours: number): Date {
	return new Date(at.getTime() + hours * 3_600_000)
}

function atUtcHour(day: Date, utcHour: number): Date {
	const at = new Date(day)
	at.setUTCHours(utcHour, 0, 0, 0)
	return at
}
