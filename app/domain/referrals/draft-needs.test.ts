import { expect, test } from 'vitest'
import { postingNeeds, postingNeedsSentence } from './draft-needs.ts'
import { missingForPosting } from './referral-input.ts'

test('an empty draft needs every required field, named plainly in the form’s order', () => {
	expect(postingNeeds(missingForPosting({}))).toEqual([
		'the patient’s state',
		'the support needed',
		'the format',
		'the age band',
		'how the patient pays',
		'the first dosing session’s date and time',
		'the number of dosing sessions',
		'the days between dosing sessions',
		'the patient’s first name',
		'the patient’s last name',
		'the patient’s email address',
		'the patient’s date of birth',
	])
})

test('the sentence lists what is missing, or says nothing is', () => {
	const issues = missingForPosting({
		patientState: 'TX',
		phases: ['integration'],
		format: 'telehealth',
		payment: { type: 'insurance' },
		dosing: { firstSessionAt: '2026-12-07T10:00:00-06:00', sessions: 1 },
		patient: { firstName: 'Ana', lastName: 'Ruiz', email: 'ana@example.org', birthDate: '1980-02-03' },
	})
	expect(postingNeedsSentence(issues)).toBe('Before it can be posted, this draft needs the age band and the insurance payer.')
	expect(postingNeedsSentence(missingForPosting({ ...{}, patient: {} }).slice(0, 1))).toBe('Before it can be posted, this draft needs the patient’s state.')
	expect(postingNeedsSentence([])).toBe('This draft has everything posting needs.')
	expect(
		postingNeedsSentence([
			...missingForPosting({ dosing: { sessions: 1 } }).filter((i) => i.path.startsWith('dosing')),
			{ path: 'dosing.firstSessionAt', message: 'The first dosing session is in the past; change its date before posting.' },
		]),
	).toBe('Before it can be posted, this draft needs the first dosing session’s date and time. The first dosing session is in the past; change its date before posting.')
})
