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
	shortlistReminder: {
		subject: 'Reminder: choose your therapist by {{deadline}} (referral {{reference}})',
		intro: 'The therapists who accepted are waiting for your choice. You have until {{deadline}} to choose one; after that, your clinic looks for therapists again.',
		validity: 'This is the same list as before; the link in earlier emails no longer works, use this one. If none of the therapists fit, you can say so on the page.',
		action: 'Choose your therapist',
	},
	sessionReminder: {
		subject: 'Reminder: your session on {{time}} (referral {{reference}})',
		intro: 'Hi {{firstName}}, this is a reminder of your session with your therapist on {{time}}.',
		place: {
			video: 'It is by video: your therapist sends you the link.',
			in_person: 'It is in person, at your therapist’s office.',
			clinic: 'It is in person, at your clinic.',
		},
		change: 'To change it, write to your therapist. Questions? Contact your clinic and give them your reference {{reference}}.',
	},
	sms: {
		shortlistReminder:
			'Hi {{firstName}}, a reminder from Tandem: please choose your therapist by {{deadline}}. Use the link in our email, or call your clinic (reference {{reference}}). Reply STOP to stop texts.',
		sessionReminder:
			'Hi {{firstName}}, a reminder from Tandem: your session with your therapist is on {{time}}. To change it, contact your therapist or your clinic (reference {{reference}}). Reply STOP to stop texts.',
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
	shortlistReminder: {
		subject: 'Recordatorio: elija a su terapeuta antes del {{deadline}} (referencia {{reference}})',
		intro: 'Los terapeutas que aceptaron esperan su elección. Tiene hasta el {{deadline}} para elegir a uno; después, su clínica buscará terapeutas de nuevo.',
		validity: 'Es la misma lista de antes; el enlace de los correos anteriores ya no funciona, use este. Si ninguno de los terapeutas le conviene, puede indicarlo en la página.',
		action: 'Elegir a su terapeuta',
	},
	sessionReminder: {
		subject: 'Recordatorio: su sesión del {{time}} (referencia {{reference}})',
		intro: 'Hola, {{firstName}}: le recordamos su sesión con su terapeuta el {{time}}.',
		place: {
			video: 'Es por videollamada: su terapeuta le enviará el enlace.',
			in_person: 'Es en persona, en el consultorio de su terapeuta.',
			clinic: 'Es en persona, en su clínica.',
		},
		change: 'Para cambiarla, escriba a su terapeuta. ¿Preguntas? Contacte a su clínica e indíquele la referencia {{reference}}.',
	},
	sms: {
		shortlistReminder:
			'Hola, {{firstName}}: le recordamos desde Tandem que elija a su terapeuta antes del {{deadline}}. Use el enlace de nuestro correo o llame a su clínica (referencia {{reference}}). Responda STOP para no recibir más mensajes.',
		sessionReminder:
			'Hola, {{firstName}}: le recordamos desde Tandem su sesión con su terapeuta el {{time}}. Para cambiarla, contacte a su terapeuta o a su clínica (referencia {{reference}}). Responda STOP para no recibir más mensajes.',
	},
}

export const PATIENT_EMAILS = { en, es } satisfies Record<'en' | 'es', Resource>
