import { expect, test } from 'vitest'
import { completedSteps, PROFILE_STEPS, type ProfileFacts } from './profile-steps.ts'

const empty: ProfileFacts = {
	bio: '',
	credentials: '',
	licenses: 0,
	phases: [],
	formats: [],
	languages: [],
	selfPayRate: null,
	slidingScale: false,
	insurancePayers: [],
	weeklyRules: 0,
	kapTrainingHours: 0,
	weeklyCapacity: 0,
}

test('a new profile has nothing done; a full one has every step', () => {
	expect(completedSteps(empty).size).toBe(0)
	const full: ProfileFacts = {
		bio: 'Hi',
		credentials: 'LPC',
		licenses: 1,
		phases: ['integration'],
		formats: ['telehealth'],
		languages: ['en'],
		selfPayRate: 120,
		slidingScale: false,
		insurancePayers: [],
		weeklyRules: 2,
		kapTrainingHours: 40,
		weeklyCapacity: 2,
	}
	expect([...completedSteps(full)].sort()).toEqual(PROFILE_STEPS.map((s) => s.id).sort())
})

test('steps are independent: any order, any subset', () => {
	expect([...completedSteps({ ...empty, weeklyRules: 1, slidingScale: true })].sort()).toEqual(['fees', 'hours'])
})
