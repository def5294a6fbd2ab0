// A therapist's profile in a browser: the demo therapist edits a step of their profile, then
// sees it as clinics do, with where they may see patients; axe finds nothing serious.
import { expect, test } from './app-server.ts'
import { expectNoSeriousAxeViolations, startSession } from './helpers.ts'

test('a demo therapist edits their weekly hours and sees their profile as clinics do', async ({ page }) => {
	await startSession(page, 'therapist.tx@tandem.example')
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My profile' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible()
	await expectNoSeriousAxeViolations(page)

	// A step saves on its own; a bad value is refused on its field and keeps what was typed.
	const hours = page.getByRole('region', { name: 'Weekly hours' })
	await hours.getByLabel('Saturday').fill('10-2')
	await hours.getByRole('button', { name: 'Save weekly hours' }).click()
	await expect(hours.getByText('"10-2" should look like 09:00-12:00.')).toBeVisible()
	await expect(hours.getByLabel('Saturday')).toHaveValue('10-2')
	await hours.getByLabel('Saturday').fill('10:00-14:00')
	await hours.getByRole('button', { name: 'Save weekly hours' }).click()
	await expect(hours.getByText('Weekly hours saved.')).toBeVisible()

	await page.getByRole('link', { name: 'See your profile as clinics see it' }).click()
	await expect(page).toHaveURL(/\/therapists\/[^/]+$/)
	const coverage = page.getByRole('region', { name: 'Where they may see patients' })
	await expect(coverage).toContainText('Texas')
	await expect(coverage).toContainText(/licensed (there|in Texas)/)
	await expect(page.getByRole('region', { name: 'Usual weekly hours' })).toContainText(/Saturdays: 10 am–2 pm \((Central|Mountain) Time\)/)
	await expectNoSeriousAxeViolations(page)
})
