import { expect, test } from 'vitest'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { findProblems, type Effects } from './effects.ts'

// Two referrals: the first sent round 1 to two therapists, the second found nobody and is unfilled.
const A = 'cmreferral0000000000aaaaaa'
const B = 'cmreferral0000000000bbbbbb'
const subject = (referralId: string) => `New referral offer ${referralReference(referralId)} from Capital City Ketamine Center: please reply by Wed, Dec 9, 10:00 AM CST`

function cleanRun(): Effects {
	const offers = [
		{ id: 'offer-1', referralId: A, therapistId: 'therapist-1', round: 1, therapistEmail: 'one@example.org' },
		{ id: 'offer-2', referralId: A, therapistId: 'therapist-2', round: 1, therapistEmail: 'Two@example.org' },
	]
	const referralEvents = [
		{ referralId: A, from: null, to: 'draft' },
		{ referralId: A, from: 'draft', to: 'open' },
		{ referralId: B, from: null, to: 'draft' },
		{ referralId: B, from: 'draft', to: 'open' },
		{ referralId: B, from: 'open', to: 'unfilled' },
	]
	const offerEvents = offers.map((o) => ({ offerId: o.id, from: null, to: 'pending' }))
	const emails = [
		{ to: 'one@example.org', subject: subject(A) },
		{ to: 'two@example.org', subject: subject(A) },
		{ to: 'tx.admin@tandem.example', subject: `Referral ${referralReference(B)} is unfilled` },
	]
	return {
		posted: [A, B],
		referrals: [
			{ id: A, status: 'open', matchingRound: 1 },
			{ id: B, status: 'unfilled', matchingRound: 0 },
		],
		offers,
		referralEvents,
		offerEvents,
		audit: [
			{ action: 'referral.created', entityId: A, from: null, to: null },
			{ action: 'referral.created', entityId: B, from: null, to: null },
			...referralEvents.filter((e) => e.from !== null).map((e) => ({ action: 'referral.status_changed', entityId: e.referralId, from: e.from, to: e.to })),
			...offerEvents.map((e) => ({ action: 'offer.status_changed', entityId: e.offerId, from: e.from, to: e.to })),
		],
		apiCalls: { answered: 2, audited: 2 },
		notifications: [
			{ userId: 'user-2', kind: 'offer_received', href: '/therapist/offers/offer-2' },
			{ userId: 'user-admin', kind: 'referral_unfilled', href: `/clinics/c/referrals/${B}` },
		],
		emailLog: [...emails.map((m) => ({ ...m, sent: true })), { to: 'one@example.org', subject: subject(A), sent: false }],
		received: emails,
		jobs: { left: [], failed: [] },
	}
}

test('a run where every effect happened once has no problem (an interrupted, unsent attempt in the email log is none)', () => {
	expect(findProblems(cleanRun())).toEqual([])
})

test('an email the sink received twice is a doubled effect naming its recipient, also against the email log', () => {
	const run = cleanRun()
	run.received.push({ to: 'ONE@example.org', subject: subject(A) })
	const problems = findProblems(run)
	expect(problems).toContainEqual({ kind: 'doubled', effect: 'email', detail: `one@example.org “${subject(A)}” received twice` })
	expect(problems).toContainEqual({ kind: 'doubled', effect: 'email', detail: `one@example.org “${subject(A)}”: received twice, the email log says sent once` })
	expect(problems).toContainEqual({ kind: 'doubled', effect: 'offer email', detail: `emails to one@example.org about offer offer-1 (${referralReference(A)}): 2, expected 1` })
})

test('an email sent twice by the log and received twice is still doubled; one the log has and the sink does not is lost', () => {
	const twice = cleanRun()
	twice.received.push(twice.received[0]!)
	twice.emailLog.push({ ...twice.received[0]!, sent: true })
	expect(findProblems(twice).filter((p) => p.effect === 'email')).toEqual([{ kind: 'doubled', effect: 'email', detail: `one@example.org “${subject(A)}” received twice` }])

	const lost = cleanRun()
	lost.received = lost.received.filter((m) => m.to !== 'two@example.org')
	expect(findProblems(lost)).toEqual([
		{ kind: 'lost', effect: 'email', detail: `two@example.org “${subject(A)}”: the email log says sent once, the mail server received it never` },
		{ kind: 'lost', effect: 'offer email', detail: `emails to Two@example.org about offer offer-2 (${referralReference(A)}): 0 of 1` },
	])
})

test('a message the sink received that the email log never sent is named', () => {
	const run = cleanRun()
	run.received.push({ to: 'someone@example.org', subject: 'Hello' })
	expect(findProblems(run)).toEqual([{ kind: 'doubled', effect: 'email', detail: 'someone@example.org “Hello”: received, but the email log has no sent email like it' }])
})

test('a therapist offered twice for one referral is a doubled offer, in one round or across rounds', () => {
	const sameRound = cleanRun()
	sameRound.offers.push({ ...sameRound.offers[0]!, id: 'offer-3' })
	expect(findProblems(sameRound)).toContainEqual({ kind: 'doubled', effect: 'offer', detail: `therapist therapist-1 has 2 offers for referral ${A}` })

	const nextRound = cleanRun()
	nextRound.offers.push({ ...nextRound.offers[0]!, id: 'offer-3', round: 2 })
	expect(findProblems(nextRound)).toContainEqual({ kind: 'doubled', effect: 'offer', detail: `therapist therapist-1 has 2 offers for referral ${A}` })
})

test('a posted referral that is not stored is lost; one stored that no answer named is doubled', () => {
	const missing = cleanRun()
	missing.posted.push('cmreferral0000000000cccccc')
	expect(findProblems(missing)).toEqual([{ kind: 'lost', effect: 'referral', detail: 'referral cmreferral0000000000cccccc (answered 201): 0 of 1' }])

	const extra = cleanRun()
	extra.posted = [A]
	expect(findProblems(extra)).toEqual([{ kind: 'doubled', effect: 'referral', detail: `referral ${B} is stored, but no answer named it` }])
})

test('a referral whose first round never went out, or whose round has no offer, lost its offers', () => {
	const noRound = cleanRun()
	noRound.referrals[0] = { id: A, status: 'open', matchingRound: 0 }
	expect(findProblems(noRound)).toContainEqual({ kind: 'lost', effect: 'offer round', detail: `referral ${A} is open and no round of offers went out` })

	const emptyRound = cleanRun()
	emptyRound.referrals[0] = { id: A, status: 'open', matchingRound: 2 }
	expect(findProblems(emptyRound)).toEqual([{ kind: 'lost', effect: 'offers', detail: `referral ${A}: round 2 is recorded as sent, with no offer` }])
})

test('a timeline event missing is lost, and its audit row is not blamed; an event recorded twice is doubled', () => {
	const missing = cleanRun()
	missing.offerEvents = missing.offerEvents.filter((e) => e.offerId !== 'offer-2')
	expect(findProblems(missing)).toEqual([{ kind: 'lost', effect: 'offer event', detail: 'offer-2 ∅→pending: 0 of 1' }])

	const twice = cleanRun()
	twice.referralEvents.push({ referralId: B, from: 'open', to: 'unfilled' })
	expect(findProblems(twice)).toEqual([{ kind: 'doubled', effect: 'referral event', detail: `${B} open→unfilled: 2, expected 1` }])

	// A change no expectation names (an offer declined, say) is still counted.
	const declined = cleanRun()
	declined.offerEvents.push({ offerId: 'offer-1', from: 'pending', to: 'declined' }, { offerId: 'offer-1', from: 'pending', to: 'declined' })
	declined.audit.push({ action: 'offer.status_changed', entityId: 'offer-1', from: 'pending', to: 'declined' })
	expect(findProblems(declined)).toEqual([{ kind: 'doubled', effect: 'offer event', detail: 'offer-1 pending→declined recorded twice' }])
})

test('audit rows: one per action, none without one', () => {
	const twice = cleanRun()
	twice.audit.push({ action: 'offer.status_changed', entityId: 'offer-1', from: null, to: 'pending' })
	expect(findProblems(twice)).toEqual([{ kind: 'doubled', effect: 'audit row', detail: 'offer.status_changed offer-1 ∅→pending: 2, expected 1' }])

	const missing = cleanRun()
	missing.audit = missing.audit.filter((a) => !(a.action === 'referral.created' && a.entityId === B))
	expect(findProblems(missing)).toEqual([{ kind: 'lost', effect: 'audit row', detail: `referral.created ${B} ∅→draft: 0 of 1` }])

	const stray = cleanRun()
	stray.audit.push({ action: 'referral.status_changed', entityId: A, from: 'open', to: 'cancelled' })
	expect(findProblems(stray)).toEqual([{ kind: 'doubled', effect: 'audit row', detail: `referral.status_changed ${A} open→cancelled: 1, expected 0` }])

	const calls = cleanRun()
	calls.apiCalls = { answered: 2, audited: 1 }
	expect(findProblems(calls)).toEqual([{ kind: 'lost', effect: 'audit row', detail: 'api.request rows for POST /api/v1/referrals (calls answered: 2): 1 of 2' }])
})

test('a notification given twice is doubled', () => {
	const run = cleanRun()
	run.notifications.push(run.notifications[0]!)
	expect(findProblems(run)).toEqual([{ kind: 'doubled', effect: 'notification', detail: 'user-2 offer_received /therapist/offers/offer-2 twice' }])
})

test('outbox jobs left undone or given up are named', () => {
	const run = cleanRun()
	run.jobs = { left: [{ id: 'job-1', kind: 'email', why: 'held under a lease until 10:05:00' }], failed: [{ id: 'job-2', kind: 'notify', error: 'connection refused' }] }
	expect(findProblems(run)).toEqual([
		{ kind: 'left', effect: 'outbox job', detail: 'email job job-1 is not done (held under a lease until 10:05:00)' },
		{ kind: 'failed', effect: 'outbox job', detail: 'notify job job-2 failed every attempt: connection refused' },
	])
})
