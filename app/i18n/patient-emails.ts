// The emails a patient receives, in English and Spanish (the patient's language: languages.ts).
// They never carry PHI (docs/product.md §5): they say something happened and link to the page.
import { type Resource } from './translator.ts'

const en = {
	common: { paste: 'Or paste this link into your browser:', signature: '— Tandem' },
	patientLink: {
		subject: 'Choose your therapist (referral {{reference}})',
		intro: 'Your clinic has found therapists who can support you and are ready to see you. Open your private link to see who they are, why each one fits, and when each can see you, then choose one.',
		validity: 'The link is for you alone and works until {{expires}}. If it has expired, ask your clinic for a new one and give them the reference {{reference}}.',
		action: 'See your therapists',
	},
}

const es: typeof en = {
	common: { paste: 'O copie este enlace en su navegador:', signature: '— Tandem' },
	patientLink: {
		subject: 'Elija a su terapeuta (referencia {{reference}})',
		intro:
			'Su clínica ha encontrado terapeutas que pueden acompañarle y están listos para atenderle. Abra su enlace privado para ver quiénes son, por qué cada uno encaja con usted y cuándo puede atenderle cada uno; después, elija a uno.',
		validity: 'El enlace es solo para usted y funciona hasta el {{expires}}. Si ha caducado, pida a su clínica uno nuevo e indíquele la referencia {{reference}}.',
		action: 'Ver a sus terapeutas',
	},
}

export const PATIENT_EMAILS = { en, es } satisfies Record<'en' | 'es', Resource>
