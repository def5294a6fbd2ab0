// The patient's side of the journey in Spanish (docs/product.md §4, §5): a clinic posts a referral
// for a Spanish-speaking patient in Nebraska (where nobody in the demo network can see patients), a
// Spanish-speaking therapist imported for the test accepts, and the patient receives the link in
// Spanish, reads the page in Spanish (switching to English and back), and chooses in Spanish.
import { type Browser, type Page } from '@playwright/test'
import { expect, test } from './app-server.ts'
import { expectNoSeriousAxeViolations, logIn, openLatestEmailLink, startSession, watchConsole } from './helpers.ts'

const PASSWORD = 'a long therapist passphrase'
const run = Date.now().toString(36)
const therapist = { email: `lucia.nebraska.${run}@example.org`, name: 'Lucía Valdés' }
const patientEmail = `marisol.${run}@example.org`

const HEADER =
	'email,full_name,credentials,timezone,licenses,authorizations,modalities,phases,formats,languages,focus_areas,insurance,office_zip,self_pay_rate,sliding_scale,availability,weekly_capacity,accepting,kap_training_hours'
const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => `${d} 08:00-20:00`).join(';')
const csv = [
	HEADER,
	`${therapist.email},${therapist.name},PhD,America/Chicago,NE:psychologist:PSY-${run}:2030-12-31:verified,,act,preparation;integration,telehealth,en;es,depression,,,110,true,${EVERY_DAY},5,true,60`,
].join('\n')

async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
	// On this worker's server, as the test's own page (tests/e2e/app-server.ts).
	const context = await browser.newContext(options)
	return context.newPage()
}

test('a Spanish-speaking patient receives, reads and chooses in Spanish', async ({ page, browser }) => {
	test.setTimeout(180_000)
	const problems = watchConsole(page)

	await startSession(page, 'admin@tandem.example', { twoFactor: true })
	await page.goto('/admin/import')
	await page.getByLabel('CSV file (UTF-8, at most 5 MB)').setInputFiles({ name: 'nebraska.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
	await page.getByLabel(/^Dry run/).uncheck()
	await page.getByRole('button', { name: 'Check and import' }).click()
	await expect(page.getByText(/Imported 1 therapist \(1 new/)).toBeVisible()
	await page.getByRole('button', { name: 'Log out', exact: true }).click()

	const lucia = await newPage(browser)
	await openLatestEmailLink(lucia, therapist.email, 'Your Tandem therapist profile is ready', /reset-password\?token=/)
	await lucia.getByRole('textbox', { name: 'New password' }).fill(PASSWORD)
	await lucia.getByRole('button', { name: 'Save the new password' }).click()
	await expect(lucia).toHaveURL(/\/login\?reset=1$/)
	await logIn(lucia, therapist.email, PASSWORD)
	await expect(lucia.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Offers' })).toBeVisible()

	// The clinic says the patient is comfortable in Spanish: the patient's page and emails start in Spanish.
	const clinic = await newPage(browser)
	await startSession(clinic, 'tx.coordinator@tandem.example')
	await clinic.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click()
	await clinic.getByRole('link', { name: 'New referral' }).click()
	await clinic.getByLabel('State the patient will be in').selectOption('NE')
	await clinic.getByLabel('Age band').selectOption('35-44')
	await clinic.getByRole('checkbox', { name: 'Integration', exact: true }).check()
	await clinic
		.getByRole('group', { name: /^Languages the patient is comfortable in/ })
		.getByRole('checkbox', { name: 'Spanish', exact: true })
		.check()
	await clinic.getByLabel('Format').selectOption('telehealth')
	await clinic.getByLabel('Payment', { exact: true }).selectOption('self_pay')
	const inFiveDays = new Date(Date.now() + 5 * 24 * 3_600_000).toISOString().slice(0, 10)
	await clinic.getByLabel('First dosing session').fill(`${inFiveDays}T10:00`)
	await clinic.getByLabel('First name').fill('Marisol')
	await clinic.getByLabel('Last name').fill('Ibarra')
	await clinic.getByLabel('Email address').fill(patientEmail)
	await clinic.getByLabel('Date of birth').fill(`${new Date().getUTCFullYear() - 40}-02-20`)
	await clinic.getByRole('button', { name: 'Post referral' }).click()
	await expect(clinic.getByRole('heading', { level: 1, name: /^Marisol Ibarra · R-[A-Z0-9]{6}$/ })).toBeVisible({ timeout: 20_000 })

	// The therapist accepts with one time.
	const link = lucia.getByRole('region', { name: /Waiting for your answer/ }).getByRole('link', { name: /^R-\w+$/ })
	await expect(async () => {
		await lucia.goto('/therapist/offers')
		await expect(link).toHaveCount(1, { timeout: 1_000 })
	}).toPass({ timeout: 30_000 })
	await link.click()
	await lucia.waitForURL(/\/therapist\/offers\/[^/]+$/)
	await lucia
		.getByRole('group', { name: /^Choose up to 3 first-session times/ })
		.getByRole('checkbox')
		.first()
		.check()
	await lucia.getByRole('button', { name: 'Accept and propose these times' }).click()
	await expect(lucia.getByRole('region', { name: 'Waiting for the patient' })).toBeVisible()

	// The link arrives in Spanish, subject and all.
	const patient = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
	const patientProblems = watchConsole(patient)
	await expect(async () => {
		await patient.goto('/dev/outbox')
		await expect(patient.getByRole('listitem').filter({ hasText: patientEmail })).toHaveCount(1, { timeout: 1_000 })
	}).toPass({ timeout: 60_000 })
	await expect(patient.getByRole('listitem').filter({ hasText: patientEmail })).toContainText(/Elija a su terapeuta \(referencia R-[A-Z0-9]{6}\)/)
	await openLatestEmailLink(patient, patientEmail, 'Elija a su terapeuta', /\/choose\//)
	await expect(patient.locator('html')).toHaveAttribute('lang', 'es')
	await expect(patient.getByRole('heading', { level: 1, name: 'Elija a su terapeuta' })).toBeVisible()
	const card = patient.getByRole('article', { name: therapist.name })
	await expect(card).toContainText('$110 por sesión')
	await expect(card).toContainText('Por videollamada')
	await expectNoSeriousAxeViolations(patient)

	// The patient may read it in English, and go back to Spanish: the choice is kept for the next visit.
	await patient.getByRole('button', { name: 'Read this page in English' }).click()
	await expect(patient.getByRole('heading', { level: 1, name: 'Choose your therapist' })).toBeVisible()
	await expect(patient.locator('html')).toHaveAttribute('lang', 'en')
	await patient.reload()
	await expect(patient.getByRole('heading', { level: 1, name: 'Choose your therapist' })).toBeVisible()
	await patient.getByRole('button', { name: 'Ver esta página en español' }).click()
	await expect(patient.getByRole('heading', { level: 1, name: 'Elija a su terapeuta' })).toBeVisible()

	// Choosing, in Spanish: the confirmation says what happens next and how to reach the therapist.
	await card
		.getByRole('group', { name: `Su primera sesión con ${therapist.name}` })
		.getByRole('radio')
		.first()
		.check()
	await card.getByRole('button', { name: `Elegir a ${therapist.name}` }).click()
	await expect(patient.getByText('Gracias. Hemos guardado su elección.')).toBeVisible()
	await expect(patient.getByRole('heading', { name: `Ha elegido a ${therapist.name}` })).toBeVisible()
	await expect(patient.getByRole('heading', { name: 'Qué pasará ahora' })).toBeVisible()
	await expect(patient.getByRole('heading', { name: `Cómo comunicarse con ${therapist.name}` })).toBeVisible()
	await expect(patient.getByText(/^Su primera sesión: /)).toBeVisible()
	await expectNoSeriousAxeViolations(patient)

	// The clinic sees the choice.
	await clinic.reload()
	await expect(clinic.getByRole('region', { name: 'Where it stands' })).toContainText('Scheduled')

	expect([...problems, ...patientProblems]).toEqual([])
})
