// Suggested therapists in a browser: a coordinator opens a referral's suggestions, reads why each
// fits, and asks by name why a therapist licensed elsewhere is not suggested; axe finds nothing serious.
import { expect, test } from './app-server.ts'
import { expectNoSeriousAxeViolations, startSession, watchConsole } from './helpers.ts'

test('a coordinator sees ranked suggestions with reasons, and why another therapist is left out', async ({ page, browser }) => {
	const problems = watchConsole(page)
	// The therapist licensed in Washington, by the name the clinic knows them by.
	const therapistContext = await browser.newContext()
	const therapistPage = await therapistContext.newPage()
	await startSession(therapistPage, 'therapist.wa@tandem.example', { goto: '/therapist/profile' })
	const waName = await therapistPage.getByLabel('Name', { exact: true }).inputValue()
	await therapistContext.close()

	await startSession(page, 'tx.coordinator@tandem.example')
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Referrals' })).toBeVisible()
	await page.getByRole('link', { name: /^Draft/ }).click()
	await expect(page).toHaveURL(/status=draft$/)
	await page
		.getByRole('link', { name: /^Suggested therapists/ })
		.first()
		.click()
	await expect(page.getByRole('heading', { level: 1, name: 'Suggested therapists' })).toBeVisible()
	// The network is the demo's 200, plus any therapists other browser tests imported.
	await expect(page.getByText(/\d+ of 2\d\d therapists fit/)).toBeVisible()
	await expectNoSeriousAxeViolations(page)

	await page.getByLabel('Why not this therapist?').fill(waName)
	await page.getByRole('button', { name: 'Ask' }).click()
	await expect(page.getByRole('status').filter({ hasText: 'is not suggested' })).toContainText('not licensed where the sessions happen')
	expect(problems).toEqual([])
})
