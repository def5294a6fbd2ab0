import { expect, test } from 'vitest'
import { NOTIFY_EVENTS, noticeEmail, noticesFor, referralReference, type NoticeFacts } from './lifecycle-notices.ts'

const facts: NoticeFacts = {
	referralId: 'cmabcdefghijk123456',
	clinicId: 'c1',
	clinicName: 'Austin Ketamine Clinic',
	patientState: 'TX',
	phases: ['preparation', 'in_session'],
	offerId: 'o1',
	expiresAt: new Date('2026-12-03T10:00:00Z'),
	urgency: 'routine',
}

test('every event names the referral by a reference and its de-identified facts only, and links into the app', () => {
	for (const event of NOTIFY_EVENTS) {
		for (const notice of noticesFor(event, facts)) {
			expect(notice.href).toMatch(notice.audience === 'clinic' ? /^\/clinics\/c1\/referrals\/cmabcdefghijk123456$/ : /^\/therapist\/offers\/o1$/)
			const email = noticeEmail(notice, `https://tandem.example${notice.href}`)
			expect(email.text).toContain(`https://tandem.example${notice.href}`)
			expect(email.html).not.toContain('<script')
		}
	}
	expect(referralReference(facts.referralId)).toBe('R-123456')
	expect(noticesFor('offer_received', facts)[0]!.text).toBe(
		'New referral offer from Austin Ketamine Clinic: preparation, in-session support for a patient in TX. Please accept or decline by 2026-12-03 10:00 UTC.',
	)
})

test('what asks someone to act is essential; what only informs can be turned off', () => {
	const essential = (event: (typeof NOTIFY_EVENTS)[number]) => noticesFor(event, facts).map((n) => `${n.audience}:${n.essential}`)
	expect(essential('offer_received')).toEqual(['therapist:true'])
	expect(essential('patient_chose')).toEqual(['clinic:false', 'therapist:true'])
	expect(essential('referral_unfilled')).toEqual(['clinic:true'])
	expect(essential('offer_expiring')).toEqual(['therapist:false'])
	expect(essential('message_to_therapist')).toEqual(['therapist:true'])
	expect(essential('message_to_clinic')).toEqual(['clinic:true'])
	expect(noticeEmail(noticesFor('offer_expiring', facts)[0]!, 'https://x').text).toMatch(/turn off emails like this/)
})

test('the reminder says how long is left: 12 hours, 4 for an urgent offer', () => {
	expect(noticesFor('offer_expiring', facts)[0]!.text).toBe('The referral offer from Austin Ketamine Clinic (R-123456) expires in 12 hours.')
	expect(noticesFor('offer_expiring', { ...facts, urgency: 'urgent' })[0]!.text).toBe('The referral offer from Austin Ketamine Clinic (R-123456) expires in 4 hours.')
	expect(noticeEmail(noticesFor('offer_received', facts)[0]!, 'https://x').text).not.toMatch(/turn off/)
})

test('an unfilled notice carries the last matching’s “why not” counts, numbers only', () => {
	const [notice] = noticesFor('referral_unfilled', { ...facts, unfilled: { kind: 'matching', rounds: 3, excluded: { jurisdiction: 12, capacity: 3, phases: 0 } } })
	expect(notice!.text).toBe(
		'Referral R-123456 is unfilled: no therapist accepted after 3 rounds of offers. Left out by the criteria at the last matching: 12 not licensed where the sessions happen (the patient’s state by telehealth, an office’s state within the radius in person, the clinic’s state for in-session support) through the end of the series; 3 not accepting, or at weekly capacity. Review it and post it again with relaxed criteria.',
	)
	expect(noticeEmail(notice!, 'https://x').text).toContain('12 not licensed where the sessions happen')
	expect(noticesFor('referral_unfilled', { ...facts, unfilled: { kind: 'patient_declined' } })[0]!.text).toMatch(/^Referral R-123456 is unfilled: the patient said none of the therapists fit\./)
})

test('when the patient says none fit, the therapists who accepted are told exactly that, not that someone else was chosen', () => {
	const [notice] = noticesFor('none_fit', facts)
	expect(notice).toMatchObject({ audience: 'therapist', essential: false })
	expect(notice!.text).toBe('The patient of referral R-123456 said that none of the therapists offered to them fit, so nobody was chosen. Your acceptance is released; thank you for offering.')
	expect(notice!.text).not.toMatch(/chose another|someone else/)
})

test('a draft cancelled before it had a patient state or phases still gets whole sentences', () => {
	const draft = { ...facts, patientState: null, phases: [] }
	for (const event of NOTIFY_EVENTS) for (const notice of noticesFor(event, draft)) expect(notice.text).not.toMatch(/null|undefined|\bin \.|: \./)
	expect(noticesFor('offer_received', draft)[0]!.text).toMatch(/^New referral offer from Austin Ketamine Clinic: therapy support for a patient\. /)
})
