import { expandDoses } from './dosing.ts'
import { expect, test } from 'vitest'
import { offerPage, offersFreeHours, proposalPicker, referralStatusSeenBy, type OfferPageSource } from './offer-page.ts'
import { OFFER_STATUSES, type OfferStatus } from './offers.ts'
import { REFERRAL_STATUSES, type ReferralStatus } from './statuses.ts'

const NOW = new Date('2026-12-01T12:00:00Z')
const FIRST_SESSION = new Date('2026-12-04T15:00:00Z')

function source(status: OfferStatus, referralStatus: ReferralStatus): OfferPageSource {
	return {
		id: 'o1',
		status,
		expiresAt: new Date('2026-12-02T12:00:00Z'),
		proposedTimes: [new Date('2026-12-03T16:00:00Z')],
		declineReason: status === 'declined' ? 'schedule' : null,
		therapist: { timeZone: 'America/Chicago' },
		referral: {
			id: 'cmreferral000abc123',
			status: referralStatus,
			patientState: 'TX',
			ageBand: '35-44',
			languages: [],
			phases: ['integration'],
			format: 'telehealth',
			modalities: [],
			focusAreas: [],
			paymentType: 'self_pay',
			payer: null,
			maxRate: null,
			urgency: 'routine',
			dosingSessionsAt: expandDoses(new Date('2026-12-01T15:00:00Z'), 3, 3, 'America/Chicago'),
			firstSessionAt: ['scheduled', 'in_care', 'completed'].includes(referralStatus) ? FIRST_SESSION : null,
			outcome: referralStatus === 'completed' ? 'goals_met' : null,
			clinic: { name: 'Austin Ketamine Clinic', city: 'Austin', state: 'TX', timeZone: 'America/Chicago' },
		},
	}
}

test.each(OFFER_STATUSES.filter((s) => s !== 'chosen'))('a %s offer’s page has no fact from after the choice, whatever the referral’s status', (status) => {
	for (const referralStatus of REFERRAL_STATUSES) {
		const page = offerPage(source(status, referralStatus), NOW, null)
		expect(page.referral.firstSessionAt).toBeNull()
		expect(page.referral.outcome).toBeNull()
		expect(['scheduled', 'in_care', 'completed']).not.toContain(page.referral.status)
		const text = JSON.stringify(page)
		expect(text).not.toContain(FIRST_SESSION.toISOString())
		expect(text).not.toMatch(/Scheduled|In care|Completed|goals met|Finished as planned/i)
	}
})

test('the chosen therapist sees the booked first session, the outcome and where care is', () => {
	const page = offerPage(source('chosen', 'completed'), NOW, null)
	expect(page.referral).toMatchObject({ status: 'completed', statusLabel: 'Completed', firstSessionAt: FIRST_SESSION.toISOString(), outcome: 'Finished as planned: integration goals met' })
	expect(offerPage(source('chosen', 'scheduled'), NOW, null).referral).toMatchObject({ status: 'scheduled', firstSessionAt: FIRST_SESSION.toISOString(), outcome: null })
})

test('a therapist who was not chosen sees the referral as matched, at most', () => {
	expect(referralStatusSeenBy('released', 'in_care')).toBe('matched')
	expect(referralStatusSeenBy('withdrawn', 'scheduled')).toBe('matched')
	expect(referralStatusSeenBy('retracted', 'completed')).toBe('matched')
	expect(referralStatusSeenBy('released', 'cancelled')).toBe('cancelled')
	expect(referralStatusSeenBy('accepted', 'shortlisted')).toBe('shortlisted')
	expect(referralStatusSeenBy('chosen', 'in_care')).toBe('in_care')
})

test('free hours: to propose on a live pending offer, to book once chosen and matched, otherwise none', () => {
	expect(offersFreeHours(source('pending', 'open'), NOW)).toBe(true)
	expect(offersFreeHours(source('pending', 'open'), new Date('2026-12-02T12:00:00Z'))).toBe(false)
	expect(offersFreeHours(source('pending', 'matched'), NOW)).toBe(false)
	expect(offersFreeHours(source('chosen', 'matched'), NOW)).toBe(true)
	expect(offersFreeHours(source('chosen', 'scheduled'), NOW)).toBe(false)
	expect(offersFreeHours(source('accepted', 'shortlisted'), NOW)).toBe(false)
})

test('the offer itself: its status, answer-by time and decline reason in words', () => {
	const page = offerPage(source('declined', 'open'), NOW, 12)
	expect(page.offer).toMatchObject({ statusLabel: 'Declined', expired: false, declineReason: 'My hours do not fit the integration window' })
	expect(page.referral.reference).toBe('R-ABC123')
	expect(page.clinic).toEqual({ name: 'Austin Ketamine Clinic', place: 'Austin, TX' })
})

test('the page says how long is left on a live offer, and the referral’s urgency', () => {
	expect(offerPage(source('pending', 'open'), NOW, null).offer.due).toEqual({ text: 'Due in 24 hours', tone: 'neutral' })
	expect(offerPage(source('pending', 'open'), new Date('2026-12-02T07:00:00Z'), null).offer.due).toEqual({ text: 'Due in 5 hours', tone: 'danger' })
	expect(offerPage(source('pending', 'open'), new Date('2026-12-02T12:00:00Z'), null).offer.due).toBeNull()
	expect(offerPage(source('accepted', 'shortlisted'), NOW, null).offer.due).toBeNull()
	expect(offerPage(source('pending', 'open'), NOW, null).referral.urgency).toEqual({ label: 'Routine', urgent: false })
})

test('the time picker: the window named, the free times by day in the therapist’s zone', () => {
	const window = { start: new Date('2026-11-19T15:00:00Z'), end: new Date('2026-12-02T15:00:00Z') }
	const times = [new Date('2026-11-20T15:00:00Z'), new Date('2026-11-20T15:30:00Z'), new Date('2026-11-23T17:00:00Z')]
	const picker = proposalPicker('preparation', [window], times, 'America/Chicago')
	expect(picker).toMatchObject({ zone: 'Central Time', max: 3, sessionMinutes: 60 })
	expect(picker.window).toBe('Times in the preparation window, before the first dosing session: Thursday, November 19 to Wednesday, December 2.')
	expect(picker.days.map((d) => [d.heading, d.slots.map((s) => s.label)])).toEqual([
		['Friday, November 20', ['9:00 AM', '9:30 AM']],
		['Monday, November 23', ['11:00 AM']],
	])
	// Shown in Eastern Time, the same instants are an hour later.
	expect(proposalPicker('preparation', [window], times, 'America/New_York').days[0]!.slots[0]!.label).toBe('10:00 AM')
	expect(proposalPicker('in_session', [{ start: new Date('2026-12-03T15:00:00Z'), end: new Date('2026-12-03T16:00:00Z') }], [], 'America/Chicago').window).toBe(
		'Times in the first dosing session: Thursday, December 3.',
	)
	expect(proposalPicker('integration', [], [], 'America/Chicago').window).toBe('There is no time left in the integration window after the first dosing session.')
})

test('a re-confirmation asks plainly whether the therapist is still available, only while it is pending', () => {
	const asked = { ...source('pending', 'open'), reconfirmAskedAt: new Date('2026-12-01T10:00:00Z') }
	expect(offerPage(asked, NOW, null).offer.reconfirmation).toBe('The patient’s chosen therapist stepped back; are you still available?')
	expect(offerPage({ ...asked, status: 'accepted' }, NOW, null).offer.reconfirmation).toBeNull()
	expect(offerPage(source('pending', 'open'), NOW, null).offer.reconfirmation).toBeNull()
})
