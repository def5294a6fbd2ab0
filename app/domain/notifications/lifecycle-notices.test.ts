import { expect, test } from 'vitest'
import { NOTIFY_EVENTS, noticeEmail, noticesFor, referralReference, type NoticeFacts } from './lifecycle-notices.ts'

const facts: NoticeFacts = {
	referralId: 'cmabcdefghijk123456',
	clinicId: 'c1',
	clinicName: 'Austin Ketamine Clinic',
	patientState: 'TX',
	phases: ['preparation', 'in_session'],
	offerId: 'o1',
	// Friday, December 4, 10:17 PM in Chicago, 9:17 PM in Denver.
	expiresAt: new Date('2026-12-05T04:17:00Z'),
	urgency: 'routine',
	clinicTimeZone: 'America/Chicago',
	therapistTimeZone: 'America/Denver',
}
// Twelve hours before the offer's deadline.
const NOW = new Date('2026-12-04T16:17:00Z')

test('every event names the referral by a reference and its de-identified facts only, and links into the app', () => {
	for (const event of NOTIFY_EVENTS) {
		for (const notice of noticesFor(event, facts, NOW)) {
			expect(notice.href).toMatch(notice.audience === 'clinic' ? /^\/clinics\/c1\/referrals\/cmabcdefghijk123456$/ : /^\/therapist\/offers\/o1$/)
			const email = noticeEmail(notice, `https://tandem.example${notice.href}`)
			expect(email.text).toContain(`https://tandem.example${notice.href}`)
			expect(email.html).not.toContain('<script')
		}
	}
	expect(referralReference(facts.referralId)).toBe('R-123456')
	expect(noticesFor('offer_received', facts, NOW)[0]!.text).toBe(
		'New referral offer R-123456 from Austin Ketamine Clinic: preparation, in-session support for a patient in TX. Please accept or decline by Friday, December 4, 9:17 PM MST.',
	)
})

test('what asks someone to act is essential; what only informs can be turned off', () => {
	const essential = (event: (typeof NOTIFY_EVENTS)[number]) => noticesFor(event, facts, NOW).map((n) => `${n.audience}:${n.essential}`)
	expect(essential('offer_received')).toEqual(['therapist:true'])
	expect(essential('patient_chose')).toEqual(['clinic:false', 'therapist:true'])
	expect(essential('referral_unfilled')).toEqual(['clinic:true'])
	expect(essential('offer_expiring')).toEqual(['therapist:false'])
	// A change of the doses that unsettles a booked session: both sides hear of it, and must.
	expect(essential('session_unfit')).toEqual(['therapist:true', 'clinic:true'])
	expect(essential('series_changed')).toEqual(['therapist:true'])
	expect(essential('message_to_therapist')).toEqual(['therapist:true'])
	expect(essential('message_to_clinic')).toEqual(['clinic:true'])
	expect(noticeEmail(noticesFor('offer_expiring', facts, NOW)[0]!, 'https://x').text).toMatch(/turn off emails like this/)
})

test('the reminder says how long is left: 12 hours, 4 for an urgent offer', () => {
	expect(noticesFor('offer_expiring', facts, NOW)[0]!.text).toBe('The referral offer from Austin Ketamine Clinic (R-123456) expires in 12 hours (Friday, December 4, 9:17 PM MST).')
	expect(noticesFor('offer_expiring', { ...facts, urgency: 'urgent' }, new Date('2026-12-05T00:17:00Z'))[0]!.text).toBe(
		'The referral offer from Austin Ketamine Clinic (R-123456) expires in 4 hours (Friday, December 4, 9:17 PM MST).',
	)
	// Without its deadline the reminder falls back on the urgency’s lead time.
	expect(noticesFor('offer_expiring', { ...facts, urgency: 'urgent', expiresAt: null }, NOW)[0]!.text).toBe('The referral offer from Austin Ketamine Clinic (R-123456) expires in 4 hours.')
	expect(noticeEmail(noticesFor('offer_received', facts, NOW)[0]!, 'https://x').text).not.toMatch(/turn off/)
})

test('an unfilled notice carries the last matching’s “why not” counts, numbers only', () => {
	const [notice] = noticesFor('referral_unfilled', { ...facts, unfilled: { kind: 'matching', rounds: 3, excluded: { jurisdiction: 12, capacity: 3, phases: 0 } } }, NOW)
	expect(notice!.text).toBe(
		'Referral R-123456 is unfilled: no therapist accepted after 3 rounds of offers. Left out by the criteria at the last matching: 12 not licensed where the sessions happen (the patient’s state by telehealth, an office’s state within the radius in person, the clinic’s state for in-session support) through the end of the series; 3 not accepting, or at weekly capacity. Review it and post it again with relaxed criteria.',
	)
	expect(noticeEmail(notice!, 'https://x').text).toContain('12 not licensed where the sessions happen')
	expect(noticesFor('referral_unfilled', { ...facts, unfilled: { kind: 'patient_declined' } }, NOW)[0]!.text).toMatch(/^Referral R-123456 is unfilled: the patient said none of the therapists fit\./)
})

test('when the patient says none fit, the therapists who accepted are told exactly that, not that someone else was chosen', () => {
	const [notice] = noticesFor('none_fit', facts, NOW)
	expect(notice).toMatchObject({ audience: 'therapist', essential: false })
	expect(notice!.text).toBe('The patient of referral R-123456 said that none of the therapists offered to them fit, so nobody was chosen. Your acceptance is released; thank you for offering.')
	expect(notice!.text).not.toMatch(/chose another|someone else/)
})

test('a draft cancelled before it had a patient state or phases still gets whole sentences', () => {
	const draft = { ...facts, patientState: null, phases: [] }
	for (const event of NOTIFY_EVENTS) for (const notice of noticesFor(event, draft, NOW)) expect(notice.text).not.toMatch(/null|undefined|\bin \.|: \./)
	expect(noticesFor('offer_received', draft, NOW)[0]!.text).toMatch(/^New referral offer R-123456 from Austin Ketamine Clinic: therapy support for a patient\. /)
})

test('every email has a whole subject naming the referral by its reference, with no PHI, no UTC and no ISO strings', () => {
	for (const event of NOTIFY_EVENTS) {
		for (const notice of noticesFor(event, { ...facts, firstSessionAt: new Date('2026-12-08T15:00:00Z') }, NOW)) {
			const email = noticeEmail(notice, 'https://x')
			expect(email.subject).toContain('R-123456')
			expect(email.subject).not.toMatch(/…|\.\.\.$/)
			expect(email.subject).toBe(notice.subject)
			for (const text of [email.subject, email.text, email.html]) expect(text).not.toMatch(/UTC|GMT|\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}/)
		}
	}
	const [offer] = noticesFor('offer_received', facts, NOW)
	expect(offer!.subject).toBe('New referral offer R-123456 from Austin Ketamine Clinic: please reply by Friday, December 4, 9:17 PM MST')
	// Longer than the old 90-character cut, and kept whole.
	expect(offer!.subject.length).toBeGreaterThan(90)
	expect(noticeEmail(offer!, 'https://x').text).toContain('Please accept or decline by Friday, December 4, 9:17 PM MST.')
})

test('each audience reads times in its own zone, named as on that date', () => {
	const booked = noticesFor('session_booked', { ...facts, firstSessionAt: new Date('2026-12-08T15:00:00Z') }, NOW)
	expect(booked.map((n) => `${n.audience}: ${n.text}`)).toEqual([
		'clinic: The first session for referral R-123456 is booked for Tuesday, December 8, 9:00 AM CST.',
		'therapist: The first session for referral R-123456 is booked for Tuesday, December 8, 8:00 AM MST.',
	])
	// Across the March change the same clock time is named CDT / MDT; a therapist in Phoenix stays on MST.
	const summer = { ...facts, expiresAt: new Date('2027-03-20T03:00:00Z') }
	expect(noticesFor('offer_received', summer, NOW)[0]!.subject).toBe('New referral offer R-123456 from Austin Ketamine Clinic: please reply by Friday, March 19, 2027, 9:00 PM MDT')
	expect(noticesFor('offer_received', { ...summer, therapistTimeZone: 'America/Phoenix' }, NOW)[0]!.subject).toMatch(/by Friday, March 19, 2027, 8:00 PM MST$/)
	expect(noticesFor('offer_received', { ...summer, therapistTimeZone: 'America/Menominee' }, NOW)[0]!.subject).toMatch(/by Friday, March 19, 2027, 10:00 PM CDT$/)
})

test('a step back says what really follows: re-confirmation, the next round, or unfilled — never “offered to others” when no round is left', () => {
	const said = (next: 'reconfirm' | 'next_round' | 'unfilled', reconfirming = 0) => noticesFor('chosen_stepped_back', { ...facts, next, reconfirming }, NOW)[0]!
	expect(said('reconfirm', 2)).toMatchObject({ audience: 'clinic', essential: true })
	expect(said('reconfirm', 2).text).toMatch(
		/stepped back before the first session\. Tandem is asking the 2 therapists the patient could also have chosen whether they are still available \(24 hours\); the patient gets a new link as soon as one re-confirms/,
	)
	expect(said('reconfirm', 1).text).toContain('asking the therapist the patient could also have chosen')
	expect(said('next_round').text).toMatch(/Tandem is sending the next round of offers/)
	expect(said('unfilled').text).toMatch(/Every round of offers has been sent, so the referral is unfilled/)
	expect(said('unfilled').text).not.toMatch(/offering|next round of offers goes out|new link/)
})

test('a lapsed shortlist: the clinic hears what follows; each therapist that their acceptance expired; a re-confirmation asks the therapist by when', () => {
	const [clinic] = noticesFor('shortlist_lapsed', { ...facts, next: 'next_round' }, NOW)
	expect(clinic).toMatchObject({ audience: 'clinic', essential: true })
	expect(clinic!.text).toMatch(/^The patient of referral R-123456 did not choose before the shortlist’s deadline; the acceptances have expired\. Tandem is sending the next round of offers/)
	expect(noticesFor('shortlist_lapsed', { ...facts, next: 'unfilled' }, NOW)[0]!.text).toMatch(/so the referral is unfilled/)
	const [therapist] = noticesFor('shortlist_expired', facts, NOW)
	expect(therapist).toMatchObject({ audience: 'therapist', essential: false })
	expect(therapist!.text).toMatch(/your acceptance has expired/)
	const [ask] = noticesFor('offer_reconfirm', facts, NOW)
	expect(ask).toMatchObject({ audience: 'therapist', essential: true })
	expect(ask!.subject).toBe('Referral R-123456: are you still available? Please reply by Friday, December 4, 9:17 PM MST')
	expect(ask!.text).toMatch(/^The patient’s chosen therapist stepped back from referral R-123456 \(Austin Ketamine Clinic\); are you still available\?/)
})
