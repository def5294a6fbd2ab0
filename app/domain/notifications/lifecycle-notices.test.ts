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
	expect(noticesFor('offer_received', facts)[0]!.text).toBe('New referral offer from Austin Ketamine Clinic: preparation, in-session support for a patient in TX. Please accept or decline by 2026-12-03 10:00 UTC.')
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
