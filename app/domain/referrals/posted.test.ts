import { expect, test } from 'vitest'
import { posted, postedPatient, postedReferral } from './posted.ts'

test('a posted referral’s fact passes through; a missing one fails loudly, naming it', () => {
	expect(posted('TX', 'patient state')).toBe('TX')
	expect(posted(0, 'radius')).toBe(0)
	expect(() => posted(null, 'patient state')).toThrow('A posted referral lacks its patient state: only a draft may.')
	expect(() => posted(undefined, 'first dose')).toThrow(/first dose/)
})

test('a posted referral’s row is narrowed column by column; a draft’s gap is refused', () => {
	const row = { id: 'r1', patientState: 'TX' as string | null, format: 'telehealth' as 'telehealth' | null, payer: null }
	expect(postedReferral(row)).toEqual({ id: 'r1', patientState: 'TX', format: 'telehealth', payer: null })
	expect(() => postedReferral({ ...row, patientState: null })).toThrow('A posted referral lacks its patientState: only a draft may.')
})

test('a posted referral’s patient has a name, an email and a date of birth', () => {
	const patient = { firstName: 'Ana', lastName: 'Ruiz', email: 'ana@example.org', birthDate: new Date('1980-01-02'), phone: null }
	expect(postedPatient(patient)).toBe(patient)
	expect(() => postedPatient({ ...patient, email: null })).toThrow('A posted referral lacks its patient’s email: only a draft may.')
})
