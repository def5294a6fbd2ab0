// The words of the calendars Tandem gives out (docs/product.md §4a, "calendars out"), in English and
// Spanish: the patient's file is in their page's language, everyone else's in English. They name
// the referral's reference, the phase and the dose, never the patient.
import { type Resource } from './translator.ts'

const en = {
	name: 'Tandem sessions',
	phase: { preparation: 'Preparation', in_session: 'In-session support', integration: 'Integration' },
	what: { preparation: 'Preparation before the first dose', in_session: 'In-session support at dose {{dose}}', integration: 'Integration after dose {{dose}}' },
	place: { video: 'Video', in_person: 'In person', clinic: 'In person, at the clinic' },
	reference: 'Referral {{reference}}',
}

const es: typeof en = {
	name: 'Sesiones de Tandem',
	phase: { preparation: 'Preparación', in_session: 'Apoyo durante la sesión', integration: 'Integración' },
	what: { preparation: 'Preparación antes de la primera dosis', in_session: 'Apoyo durante la dosis {{dose}}', integration: 'Integración después de la dosis {{dose}}' },
	place: { video: 'Videollamada', in_person: 'En persona', clinic: 'En persona, en la clínica' },
	reference: 'Referencia {{reference}}',
}

export const SESSION_CALENDAR = { en, es } satisfies Record<'en' | 'es', Resource>
