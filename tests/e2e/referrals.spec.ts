// Writing a referral in a browser: a coordinator fills the form (a mistake is shown on its field
// and nothing typed is lost), saves a draft, posts it, and opens the suggestions with reasons;
// axe finds nothing serious on the form or the referral page.
import { expect, test } from './app-server.ts'
import { expectNoSeriousAxeViolations, startSession, watchConsole } from './helpers.ts'

test('a coordinator writes a referral, saves it as a draft, posts it, and sees suggestions with reasons', async ({ page }) => {
	const problems = watchConsole(page)
	await startSession(page, 'tx.coordinator@tandem.example')
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click()
	await page.getByRole('link', { name: 'New referral' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'New referral' })).toBeVisible()
	await expect(page.getByRole('group', { name: 'Shared with therapists before a match' })).toBeVisible()
	await expect(page.getByRole('group', { name: 'Shared only with the therapist the patient chooses' })).toBeVisible()
	await expectNoSeriousAxeViolations(page)

	// Defaults are filled in: the patient in the clinic's state (Texas), preparation from 14 days to 24 hours
	// before the first dose, integration 24–72 hours after each, doses of 120 minutes, 25 miles.
	await expect(page.getByLabel('State the patient will be in')).toHaveValue('TX')
	await expect(page.getByLabel('Preparation window opens (hours before the first dose)')).toHaveValue('336')
	await expect(page.getByLabel('Preparation window closes (hours before the first dose)')).toHaveValue('24')
	await expect(page.getByLabel('Integration window opens (hours after each dose)')).toHaveValue('24')
	await expect(page.getByLabel('Integration window closes (hours after each dose)')).toHaveValue('72')
	await expect(page.getByLabel('How long each dosing session takes (minutes)')).toHaveValue('120')
	await page.getByLabel('State the patient will be in').selectOption('TX')
	await page.getByLabel('Age band').selectOption('35-44')
	await page.getByRole('checkbox', { name: 'Integration', exact: true }).check()
	await page.getByLabel('Format').selectOption('telehealth')
	await page.getByRole('checkbox', { name: 'Internal Family Systems (IFS)' }).check()
	await page.getByLabel('Payment', { exact: true }).selectOption('self_pay')
	const inTwoWeeks = new Date(Date.now() + 14 * 24 * 3_600_000).toISOString().slice(0, 10)
	await page.getByLabel('First dosing session').fill(`${inTwoWeeks}T10:00`)
	await page.getByLabel('First name').fill('Jordan')
	await page.getByLabel('Last name').fill('Reyes')
	await page.getByLabel('Email address').fill('not-an-email')
	// About forty whenever the test runs: inside the 35–44 band.
	await page.getByLabel('Date of birth').fill(`${new Date().getUTCFullYear() - 40}-03-09`)
	await page.getByRole('button', { name: 'Save as draft' }).click()

	// The mistake is on its field; what was typed is still there.
	await expect(page.getByText('One field needs attention')).toBeVisible()
	await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true')
	await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible()
	await expect(page.getByLabel('First name')).toHaveValue('Jordan')
	await expect(page.getByRole('checkbox', { name: 'Internal Family Systems (IFS)' })).toBeChecked()
	await page.getByLabel('Email address').fill('jordan@example.org')
	await page.getByRole('button', { name: 'Save as draft' }).click()

	// The page is named by its patient and reference; where it stands comes first.
	await expect(page.getByRole('heading', { level: 1, name: /^Jordan Reyes · R-[A-Z0-9]{6}$/ })).toBeVisible()
	await expect(page.getByRole('region', { name: 'Where it stands' })).toContainText('Draft')
	await expect(page.getByText('Draft saved.')).toBeVisible()
	await expect(page.getByRole('region', { name: 'Shared only with the therapist the patient chooses' })).toContainText('Jordan Reyes')
	// A complete draft says so; an incomplete one would list what posting still needs.
	await expect(page.getByTestId('draft-needs')).toHaveText('This draft has everything posting needs.')
	await expectNoSeriousAxeViolations(page)
	await page.getByRole('button', { name: 'Post referral' }).click()
	await expect(page.getByRole('region', { name: 'Where it stands' })).toContainText('Open')
	await expect(page.getByRole('list').filter({ hasText: 'Draft → Open' })).toBeVisible()

	// The list finds it by the patient's name.
	const reference = (await page.getByRole('heading', { level: 1 }).textContent())!.split(' · ')[1]!
	await page.getByRole('link', { name: 'Referrals', exact: true }).first().click()
	await page.getByRole('search').getByLabel('Find a referral').fill('jordan reyes')
	await page.getByRole('search').getByRole('button', { name: 'Search' }).click()
	await expect(page).toHaveURL(/q=jordan\+reyes/)
	await page
		.getByRole('link', { name: `Jordan Reyes · ${reference}` })
		.first()
		.click()

	await page.getByRole('region', { name: 'Next steps' }).getByRole('link', { name: 'Suggested therapists' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Suggested therapists' })).toBeVisible()
	const first = page.getByRole('article').first()
	await expect(first).toContainText(/Licensed in Texas|Can see patients in Texas by telehealth/)
	await expect(first).toContainText('Meets by video')
	expect(problems).toEqual([])
})
