import { expect, test } from 'vitest'
import { patientLinkMessage } from './emails.ts'

test('the patient’s link email is in the patient’s language, every word of it', () => {
	const es = patientLinkMessage('https://tandem.example/choose/abc', '9 de diciembre de 2026', 'R-XUPU78', 'es')
	expect(es.subject).toBe('Elija a su terapeuta (referencia R-XUPU78)')
	expect(es.text).toContain('indíquele la referencia R-XUPU78')
	expect(es.text).toContain('funciona hasta el 9 de diciembre de 2026')
	expect(es.text).toContain('Ver a sus terapeutas: https://tandem.example/choose/abc')
	expect(es.html).toContain('O copie este enlace en su navegador:')
	for (const english of ['Choose', 'Your clinic', 'paste', 'link is for you']) expect(es.text + es.html).not.toContain(english)
	const en = patientLinkMessage('https://tandem.example/choose/abc', 'December 9, 2026', 'R-XUPU78')
	expect(en.subject).toBe('Choose your therapist (referral R-XUPU78)')
	expect(en.html).toContain('Or paste this link into your browser:')
})
