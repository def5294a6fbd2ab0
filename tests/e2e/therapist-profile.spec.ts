// A therapist's profile in a browser: the demo therapist opens their own, which says where they
// may see patients; axe finds nothing serious.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

test('a demo therapist opens their profile and sees where they may see patients', async ({ page }) => {
	await page.goto('/login')
	await page.getByLabel('Email address').fill('therapist.tx@tandem.example')
	await page.getByLabel('Password').fill('tandem-demo-2026')
	await page.getByRole('button', { name: 'Log in' }).click()
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My profile' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible()
	await page.getByRole('link', { name: 'See your profile as clinics see it' }).click()
	await expect(page).toHaveURL(/\/therapists\/[^/]+$/)
	const coverage = page.getByRole('region', { name: 'Licensed to see patients in' })
	await expect(coverage).toContainText('Texas')
	await expect(coverage).toContainText('by license, in person and by telehealth')
	await expect(page.getByRole('region', { name: 'Usual weekly hours' })).toContainText(/\((Central|Mountain) Time\)/)
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
	const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
	expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([])
})
