// Why a therapist fits, in words a patient understands (docs/product.md §6). The reasons stored on each
// offer serve the clinic too, and may name the credential that lets a therapist see patients in a
// state (a PSYPACT APIT, a Counseling Compact privilege, a state telehealth registration); the
// patient reads what it means for them instead. Pure.
import { AUTHORIZATION_KINDS } from '#app/domain/reference/index.ts'

/** Credential names a patient should never have to decode (the authorization kinds, long and short). */
const TECHNICAL_TERMS = [...AUTHORIZATION_KINDS.map((k) => k.label), 'PSYPACT', 'APIT', 'Counseling Compact', 'compact privilege', 'telehealth registration', 'telepsychology', 'interjurisdictional']

export function hasTechnicalTerm(text: string): boolean {
	const lower = text.toLowerCase()
	return TECHNICAL_TERMS.some((term) => lower.includes(term.toLowerCase()))
}

/** Parenthesised asides, one level of nesting deep: "(PSYPACT … (APIT))". */
const ASIDE = /\s*\((?:[^()]|\([^()]*\))*\)/g

export function plainReason(reason: string): string {
	const telehealth = /^Can see patients in (.+?) by telehealth\b/.exec(reason)
	if (telehealth) return `Can see patients in ${telehealth[1]} by video`
	if (!hasTechnicalTerm(reason)) return reason
	const withoutAsides = reason.replace(ASIDE, '').trim()
	return withoutAsides && !hasTechnicalTerm(withoutAsides) ? withoutAsides : 'Allowed to see patients in your state'
}

/** The patient's list: each reason in plain words, each said once. */
export function plainReasons(reasons: readonly string[]): string[] {
	return [...new Set(reasons.map(plainReason))]
}
