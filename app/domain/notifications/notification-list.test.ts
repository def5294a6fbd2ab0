import { expect, test } from 'vitest'
import { listNotifications, mayReadPatientName, patientFullName, type NotifiedReferral, type StoredNotification } from './notification-list.ts'

const NOW = new Date('2026-12-02T15:00:00Z')
const referral: NotifiedReferral = { id: 'cmreferral00xupu78', clinicId: 'clinic-a', status: 'scheduled', chosenTherapistId: 'therapist-1', patientName: 'Ana Flores' }
const row: StoredNotification = {
	id: 'n1',
	text: 'The patient chose a therapist for referral R-XUPU78.',
	href: '/x',
	referralId: referral.id,
	createdAt: new Date('2026-12-02T04:17:00Z'),
	readAt: null,
}
const member = { memberships: [{ clinicId: 'clinic-a', role: 'coordinator' as const }], therapistId: null }

test('the clinic’s staff and the chosen therapist read the patient’s name; other therapists only the reference', () => {
	expect(mayReadPatientName(member, referral)).toBe(true)
	expect(mayReadPatientName({ memberships: [{ clinicId: 'clinic-b', role: 'clinic_admin' }], therapistId: null }, referral)).toBe(false)
	expect(mayReadPatientName({ memberships: [], therapistId: 'therapist-1' }, referral)).toBe(true)
	expect(mayReadPatientName({ memberships: [], therapistId: 'therapist-1' }, { ...referral, status: 'cancelled' })).toBe(false)
	expect(mayReadPatientName({ memberships: [], therapistId: 'therapist-2' }, referral)).toBe(false)
	expect(mayReadPatientName({ memberships: [], therapistId: 'therapist-1' }, { ...referral, chosenTherapistId: null })).toBe(false)
})

test('each line carries the referral’s reference, the name where allowed, and its time in the viewer’s zone', () => {
	const [clinicView] = listNotifications([row], [referral], { principal: member, timeZone: 'America/Chicago' }, NOW)
	expect(clinicView).toEqual({
		id: 'n1',
		text: row.text,
		href: '/x',
		unread: true,
		at: '2026-12-02T04:17:00.000Z',
		when: 'Tue, Dec 1, 10:17 PM CST',
		reference: 'R-XUPU78',
		patientName: 'Ana Flores',
	})
	const [otherTherapist] = listNotifications([{ ...row, readAt: NOW }], [referral], { principal: { memberships: [], therapistId: 'therapist-2' }, timeZone: 'America/Phoenix' }, NOW)
	expect(otherTherapist).toMatchObject({ unread: false, when: 'Tue, Dec 1, 9:17 PM MST', reference: 'R-XUPU78', patientName: null })
	const [noReferral] = listNotifications([{ ...row, referralId: null }], [], { principal: member, timeZone: 'Pacific/Honolulu' }, NOW)
	expect(noReferral).toMatchObject({ reference: null, patientName: null, when: 'Tue, Dec 1, 6:17 PM HST' })
})

test('a patient’s name from what the draft has', () => {
	expect(patientFullName({ firstName: 'Ana', lastName: 'Flores' })).toBe('Ana Flores')
	expect(patientFullName({ firstName: 'Ana', lastName: null })).toBe('Ana')
	expect(patientFullName({ firstName: null, lastName: null })).toBeNull()
	expect(patientFullName(null)).toBeNull()
})
