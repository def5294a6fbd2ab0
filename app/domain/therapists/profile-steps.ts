// The steps of a therapist's profile and which are done, so onboarding can be left and resumed
// in any order: each step saves on its own. Pure.
export const PROFILE_STEPS = [
	{ id: 'identity', label: 'About you' },
	{ id: 'licenses', label: 'Licenses and authorizations' },
	{ id: 'practice', label: 'How you work' },
	{ id: 'fees', label: 'Fees and insurance' },
	{ id: 'hours', label: 'Weekly hours' },
	{ id: 'training', label: 'KAP training' },
	{ id: 'capacity', label: 'Capacity' },
] as const

export type ProfileStep = (typeof PROFILE_STEPS)[number]['id']

export type ProfileFacts = {
	bio: string
	credentials: string
	licenses: number
	phases: readonly string[]
	formats: readonly string[]
	languages: readonly string[]
	selfPayRate: number | null
	slidingScale: boolean
	insurancePayers: readonly string[]
	weeklyRules: number
	kapTrainingHours: number
	weeklyCapacity: number
}

export function completedSteps(p: ProfileFacts): Set<ProfileStep> {
	const done = new Set<ProfileStep>()
	if (p.bio.trim() && p.credentials.trim()) done.add('identity')
	if (p.licenses > 0) done.add('licenses')
	if (p.phases.length && p.formats.length && p.languages.length) done.add('practice')
	if (p.selfPayRate !== null || p.slidingScale || p.insurancePayers.length) done.add('fees')
	if (p.weeklyRules > 0) done.add('hours')
	if (p.kapTrainingHours > 0) done.add('training')
	if (p.weeklyCapacity > 0) done.add('capacity')
	return done
}
