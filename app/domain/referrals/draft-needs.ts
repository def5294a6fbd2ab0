// What a draft still needs before it can be posted, in words a coordinator reads at a glance: the
// clinic's referral list and the referral's page show it. Pure.
import { REQUIRED_FOR_POSTING, type FieldIssue, type RequiredPath } from './referral-input.ts'

const NEEDED: Record<RequiredPath, string> = {
	patientState: 'the patient’s state',
	phases: 'the support needed',
	format: 'the format',
	ageBand: 'the age band',
	'payment.type': 'how the patient pays',
	'payment.payer': 'the insurance payer',
	'dosing.firstSessionAt': 'the first dosing session’s date and time',
	'dosing.sessions': 'the number of dosing sessions',
	'dosing.cadenceDays': 'the days between dosing sessions',
	'patient.firstName': 'the patient’s first name',
	'patient.lastName': 'the patient’s last name',
	'patient.email': 'the patient’s email address',
	'patient.birthDate': 'the patient’s date of birth',
}

/** Whether the problem is a required field's absence (rather than, say, a first dose now past). */
const isMissing = (issue: FieldIssue): issue is { path: RequiredPath; message: string } => issue.path in REQUIRED_FOR_POSTING && REQUIRED_FOR_POSTING[issue.path as RequiredPath] === issue.message

/** Each missing field as a short phrase, in the form's order; any other problem in its own message. */
export function postingNeeds(issues: readonly FieldIssue[]): string[] {
	return [...new Set(issues.map((i) => (isMissing(i) ? NEEDED[i.path] : i.message)))]
}

const joined = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`)

/** One sentence on what posting still needs, or that nothing is missing. */
export function postingNeedsSentence(issues: readonly FieldIssue[]): string {
	const needs = postingNeeds(issues).filter((n) => !n.endsWith('.'))
	const other = postingNeeds(issues).filter((n) => n.endsWith('.'))
	if (!needs.length && !other.length) return 'This draft has everything posting needs.'
	return [needs.length ? `Before it can be posted, this draft needs ${joined(needs)}.` : '', ...other].filter(Boolean).join(' ')
}
