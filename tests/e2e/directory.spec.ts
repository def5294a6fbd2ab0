// The partner directory in a browser: a coordinator searches for therapists who can see
// patients in Texas, opens a profile and adds them to the clinic's partners, blocks another (who
// leaves the results and is listed as blocked), sees which filter emptied a search, and uses the
// coverage map with the keyboard alone; then invites a therapist who signs up from the email and
// starts with the clinic as a partner. The partner and the block are undone at the end, because
// the other browser tests share this server's data.
import { type Page } from '@playwright/test'
import { expect, test } from './app-server.ts'
import { expectNoSeriousAxeViolations, openLatestEmailLink, startSession, watchConsole } from './helpers.ts'

const run = Date.now().toString(36)

function results(page: Page) {
	return page.getByRole('list', { name: 'Therapists' }).getByRole('listitem')
}

/** Signs in and opens the directory from the main navigation. */
async function openDirectory(page: Page) {
	await startSession(page, 'tx.coordinator@tandem.example')
	const nav = page.getByRole('navigation', { name: 'Main' })
	await expect(nav.getByRole('link', { name: /^Account/ })).toBeVisible()
	await nav.getByRole('link', { name: 'Therapists' }).click()
	await expect(page.getByRole('heading', { name: 'Find integration therapists' })).toBeVisible()
}

async function setStanding(page: Page, name: string, button: string, notice: RegExp, confirm?: string) {
	await page.getByRole('list', { name: 'Therapists' }).getByRole('link', { name, exact: true }).first().click()
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
	await page.getByRole('button', { name: button, exact: true }).click()
	// Blocking asks first.
	if (confirm) await page.getByRole('alertdialog').getByRole('button', { name: confirm }).click()
	await expect(page.getByText(notice)).toBeVisible()
	// The page reloads its data after the change; leaving before that ends aborts it (and Remix logs the abort).
	await page.waitForLoadState('networkidle')
}

test('a coordinator searches, adds a partner, blocks another, reads why a search is empty and uses the map by keyboard', async ({ page }) => {
	test.setTimeout(90_000)
	const problems = watchConsole(page)
	await openDirectory(page)
	await expectNoSeriousAxeViolations(page)

	// Texas, integration, accepting: the search goes into the address.
	const search = page.getByRole('search', { name: 'Search the directory' })
	await search.getByLabel('Patient located in').selectOption('TX')
	await search.locator('summary', { hasText: 'Phases (all of them)' }).click()
	await search.getByRole('checkbox', { name: 'Integration' }).check()
	await search.getByRole('checkbox', { name: 'Only those accepting new referrals' }).check()
	await search.getByRole('button', { name: 'Search' }).click()
	await expect(page).toHaveURL(/\?state=TX&phase=integration&accepting=true$/)
	const heading = page.getByRole('heading', { name: /^\d+ therapists who can see patients in Texas$/ })
	await expect(heading).toBeVisible()
	const directoryUrl = page.url()
	await expect(results(page).first()).toContainText('Accepting referrals')
	await expect(results(page).first()).toContainText('Texas')

	// The first becomes a partner, from their profile.
	const names = await page.getByRole('list', { name: 'Therapists' }).getByRole('heading', { level: 3 }).getByRole('link').allTextContents()
	const [partner, blocked] = names
	await setStanding(page, partner!, 'Add to our partners', /Added to your clinic’s partners/)
	await page.goto(directoryUrl)
	await expect(results(page).filter({ hasText: partner! }).first()).toContainText('Our partner')
	const network = page.getByRole('region', { name: 'Your network' })
	await expect(network.getByRole('link', { name: partner! })).toBeVisible()

	// The second is blocked: gone from the results, listed as blocked.
	await setStanding(page, blocked!, 'Block', /Blocked: your clinic’s matching leaves them out/, 'Block them')
	await page.goto(directoryUrl)
	await expect(heading).toBeVisible()
	await expect(page.getByRole('list', { name: 'Therapists' }).getByRole('link', { name: blocked!, exact: true })).toHaveCount(0)
	await expect(network.getByRole('link', { name: blocked! })).toBeVisible()

	// A search that finds nobody says which filter removed everyone.
	await page.goto(`${directoryUrl}&minKapHours=9999`)
	await expect(page.getByRole('status')).toHaveText(/^Nobody is left once you ask for someone who has at least 9999 hours of KAP training: \d+ therapists matched the filters before it/)
	await expect(page.getByLabel('KAP training, at least (hours)')).toHaveValue('9999')
	// A bad value is named, and the rest of the search is kept.
	await page.goto(`${directoryUrl}&maxRate=cheap`)
	await expect(page.getByRole('alert')).toContainText('Give a whole number from 0 to 10000.')
	await expect(page.getByLabel('Patient located in')).toHaveValue('TX')
	await expectNoSeriousAxeViolations(page)

	// The coverage map, by keyboard: each state is a link that says its numbers when focused.
	await page.goto(directoryUrl)
	await page.getByRole('link', { name: 'Coverage map' }).click()
	await expect(page.getByRole('heading', { name: 'Where you can refer' })).toBeVisible()
	await page.getByRole('button', { name: 'Show' }).focus()
	await page.keyboard.press('Tab')
	const details = page.getByRole('status')
	await expect(details).toHaveText(/^Alabama: \d+ therapists?$/)
	await page.keyboard.press('Tab')
	await expect(details).toHaveText(/^Alaska: \d+ therapists?$/)
	// On, state by state in alphabetical order, to Texas.
	for (let i = 0; i < 60 && !/^Texas/.test((await details.textContent()) ?? ''); i++) await page.keyboard.press('Tab')
	await expect(details).toHaveText(/^Texas: \d+ therapists$/)
	await expectNoSeriousAxeViolations(page)
	await page.keyboard.press('Enter')
	await expect(page).toHaveURL(/\/therapists\?state=TX&accepting=true$/)
	await expect(page.getByRole('heading', { name: /^\d+ therapists who can see patients in Texas$/ })).toBeVisible()

	// Undone, for the other tests: the block from the network list, the partner from the profile.
	await page.getByRole('region', { name: 'Your network' }).getByRole('link', { name: blocked! }).click()
	await page.getByRole('button', { name: 'Unblock' }).click()
	await expect(page.getByText('They are neither a partner nor blocked now.')).toBeVisible()
	await page.waitForLoadState('networkidle')
	await page.goto(directoryUrl)
	await page.getByRole('region', { name: 'Your network' }).getByRole('link', { name: partner! }).click()
	await page.getByRole('button', { name: 'Remove from our partners' }).click()
	await page.getByRole('alertdialog').getByRole('button', { name: 'Remove from partners' }).click()
	await expect(page.getByText('They are neither a partner nor blocked now.')).toBeVisible()
	expect(problems).toEqual([])
})

test('an invited therapist signs up from the email and starts with the clinic as a partner', async ({ page, browser }) => {
	const problems = watchConsole(page)
	const email = `invited.${run}@example.org`
	await openDirectory(page)
	await page.getByRole('link', { name: 'Invite a therapist' }).click()
	await page.getByLabel('Their email address').fill(email)
	await page.getByLabel('A message from you (optional)').fill('We would like to refer our patients to you.')
	await page.getByRole('button', { name: 'Send the invitation' }).click()
	await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible()
	await expect(page.getByRole('row', { name: new RegExp(email) })).toContainText('Waiting')
	await expectNoSeriousAxeViolations(page)

	const invitee = await (await browser.newContext()).newPage()
	await openLatestEmailLink(invitee, email, 'invites you to Tandem', /join\/therapist\?token=/)
	await expect(invitee.getByRole('heading', { name: 'Join Tandem as a therapist' })).toBeVisible()
	await invitee.getByLabel('Your name').fill('Noor Haddad')
	await invitee.getByLabel('Password', { exact: true }).fill('a long therapist passphrase')
	await invitee.getByRole('button', { name: 'Create my therapist account' }).click()
	await expect(invitee).toHaveURL(/\/therapist\/profile\?joined=1$/)
	await expect(invitee.getByText(/^Welcome to Tandem\. The clinic that invited you has you as one of its preferred partners/)).toBeVisible()
	await invitee.context().close()

	await page.reload()
	await expect(page.getByRole('row', { name: new RegExp(email) })).toContainText('Joined')
	await page.goto(page.url().replace(/\/invite$/, '?partners=only'))
	await expect(page.getByRole('list', { name: 'Therapists' }).getByRole('link', { name: 'Noor Haddad' })).toBeVisible()
	expect(problems).toEqual([])
})

test('a platform admin sees supply against demand by state, as a map and a table', async ({ page }) => {
	const problems = watchConsole(page)
	await startSession(page, 'admin@tandem.example', { twoFactor: true })
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Supply and demand' }).click()
	await expect(page.getByRole('heading', { name: 'Supply and demand by state' })).toBeVisible()
	await expect(page.getByRole('heading', { name: 'Where supply is missing' })).toBeVisible()
	// The demo referrals are for patients in Texas, Washington and Colorado, among others.
	const texas = page.getByRole('row', { name: /^Texas \d+ \d+$/ })
	await expect(texas).toBeVisible()
	await page.getByLabel('Phase').selectOption('in_session')
	await page.getByRole('button', { name: 'Show' }).click()
	await expect(page).toHaveURL(/phase=in_session/)
	await expect(page.getByLabel('Phase')).toHaveValue('in_session')
	await expectNoSeriousAxeViolations(page)
	expect(problems).toEqual([])
})
