// A therapist's profile in a browser: the demo therapist edits a step of their profile, then
// sees it as clinics do, with where they may see patients; axe finds nothing serious.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

test('a demo therapist edits their weekly hours and sees their profile as clinics do', async ({ page }) => {
	await page.goto('/login')
	await page.getByLabel('Email address').fill('therapist.tx@tandem.example')
	await page.getByLabel('Password').fill('tandem-demo-2026')
	await page.getByRole('button', { name: 'Log in' }).click()
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
	const coverage = page.getByRole('region', { name: 'Licensed to see patients in' })
	await expect(coverage).toContainText('Texas')
	await expect(coverage).toContainText('by license, in person and by telehealth')
	await expect(page.getByRole('region', { name: 'Usual weekly hours' })).toContainText(/Saturdays: 10 am–2 pm \((Central|Mountain) Time\)/)
	await expectNoSeriousAxeViolations(page)
})

async function expectNoSeriousAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
	const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
	expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([])
}
