// The product's vocabulary (docs/product.md §9): slugs stored in the database and used by the API and
// CSV import, each with the label people see. Changing a slug is a data migration.

type Entry<S extends string> = { readonly slug: S; readonly label: string; readonly description?: string }

function vocabulary<const T extends readonly Entry<string>[]>(entries: T) {
	type Slug = T[number]['slug']
	const labels = new Map<string, string>(entries.map((e) => [e.slug, e.label]))
	return {
		entries,
		slugs: entries.map((e) => e.slug) as unknown as readonly [Slug, ...Slug[]],
		has: (value: string): value is Slug => labels.has(value),
		label: (slug: string) => labels.get(slug) ?? slug,
	}
}

export const PHASES = vocabulary([
	{ slug: 'preparation', label: 'Preparation', description: 'Before the first dosing session: intentions, safety, trust.' },
	{ slug: 'in_session', label: 'In-session support', description: 'A therapist present during a dosing session, in person at the clinic.' },
	{ slug: 'integration', label: 'Integration', description: 'After dosing sessions: making sense of the experience and turning it into change.' },
])

export const FORMATS = vocabulary([
	{ slug: 'telehealth', label: 'Telehealth' },
	{ slug: 'in_person', label: 'In person' },
])

/** What a referral asks for; `either` accepts whichever format the therapist can offer. */
export const REFERRAL_FORMATS = vocabulary([
	{ slug: 'telehealth', label: 'Telehealth' },
	{ slug: 'in_person', label: 'In person' },
	{ slug: 'either', label: 'Telehealth or in person' },
])

// MODALITIES and FOCUS_AREAS: the order is also the bit order of the matching search rows'
// modalityBits and focusAreaBits (search-facts.ts slugBits). Add a slug at the end; reordering or
// removing one means rebuilding the search rows (`npm run admin -- rebuild-search`).
export const MODALITIES = vocabulary([
	{ slug: 'cbt', label: 'Cognitive behavioral therapy (CBT)' },
	{ slug: 'dbt', label: 'Dialectical behavior therapy (DBT)' },
	{ slug: 'act', label: 'Acceptance and commitment therapy (ACT)' },
	{ slug: 'emdr', label: 'EMDR' },
	{ slug: 'ifs', label: 'Internal Family Systems (IFS)' },
	{ slug: 'somatic', label: 'Somatic therapy' },
	{ slug: 'psychodynamic', label: 'Psychodynamic therapy' },
	{ slug: 'humanistic', label: 'Humanistic therapy' },
	{ slug: 'trauma_informed', label: 'Trauma-informed care' },
	{ slug: 'mindfulness', label: 'Mindfulness-based therapy' },
	{ slug: 'family_systems', label: 'Family and couples therapy' },
	{ slug: 'motivational_interviewing', label: 'Motivational interviewing' },
	{ slug: 'existential', label: 'Existential therapy' },
])

export const FOCUS_AREAS = vocabulary([
	{ slug: 'depression', label: 'Depression' },
	{ slug: 'treatment_resistant_depression', label: 'Treatment-resistant depression' },
	{ slug: 'anxiety', label: 'Anxiety' },
	{ slug: 'ptsd', label: 'PTSD and trauma' },
	{ slug: 'ocd', label: 'OCD' },
	{ slug: 'bipolar_stable', label: 'Bipolar disorder (stable)' },
	{ slug: 'chronic_pain', label: 'Chronic pain' },
	{ slug: 'substance_use_history', label: 'History of substance use' },
	{ slug: 'grief', label: 'Grief and loss' },
	{ slug: 'existential_distress', label: 'Existential distress' },
	{ slug: 'life_transitions', label: 'Life transitions' },
	{ slug: 'eating_disorders', label: 'Eating disorders' },
])

export const PAYERS = vocabulary([
	{ slug: 'aetna', label: 'Aetna' },
	{ slug: 'bcbs', label: 'Blue Cross Blue Shield' },
	{ slug: 'cigna', label: 'Cigna' },
	{ slug: 'united', label: 'UnitedHealthcare' },
	{ slug: 'optum', label: 'Optum' },
	{ slug: 'kaiser', label: 'Kaiser Permanente' },
	{ slug: 'medicare', label: 'Medicare' },
	{ slug: 'medicaid', label: 'Medicaid' },
	{ slug: 'tricare', label: 'TRICARE' },
])

export const PAYMENT_TYPES = vocabulary([
	{ slug: 'insurance', label: 'Insurance' },
	{ slug: 'self_pay', label: 'Self-pay' },
])

export const URGENCIES = vocabulary([
	{ slug: 'routine', label: 'Routine' },
	{ slug: 'urgent', label: 'Urgent' },
])

export const AGE_BANDS = vocabulary([
	{ slug: '18-24', label: '18–24' },
	{ slug: '25-34', label: '25–34' },
	{ slug: '35-44', label: '35–44' },
	{ slug: '45-54', label: '45–54' },
	{ slug: '55-64', label: '55–64' },
	{ slug: '65-89', label: '65–89' },
	// HIPAA Safe Harbor folds ages over 89 into one band.
	{ slug: '90+', label: '90 or older' },
])

export type Phase = (typeof PHASES.slugs)[number]
export type Format = (typeof FORMATS.slugs)[number]
export type ReferralFormat = (typeof REFERRAL_FORMATS.slugs)[number]
export type Modality = (typeof MODALITIES.slugs)[number]
export type FocusArea = (typeof FOCUS_AREAS.slugs)[number]
export type Payer = (typeof PAYERS.slugs)[number]
export type PaymentType = (typeof PAYMENT_TYPES.slugs)[number]
export type Urgency = (typeof URGENCIES.slugs)[number]
export type AgeBand = (typeof AGE_BANDS.slugs)[number]
