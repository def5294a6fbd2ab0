// The whole journey of a referral in a browser (docs/product.md §4, §5): a platform admin imports two
// integration therapists licensed in Iowa (where nobody in the demo network can see patients), who
// choose their passwords from the emailed links; a coordinator posts a referral for a patient in
// Iowa; the worker sends both of them offers; both accept with proposed times; the patient opens
// their private link on a phone and chooses one therapist and a time; the chosen therapist sees the
// patient's details, and cannot yet say the first session (days away) took place; the clinic sees
// `scheduled` and the timeline; the other therapist sees their acceptance released; the chosen
// therapist and the clinic exchange a message. Plus: a therapist opening another therapist's offer
// (403), a patient link used for another referral's therapist (404), and a withdrawn link.
import { type Browser, type Page } from '@playwright/test'
import { expect, test } from './app-server.ts'
import { expectNoSeriousAxeViolations, logIn, openLatestEmailLink, startSession, watchConsole } from './helpers.ts'

const PASSWORD = 'a long therapist passphrase'
const run = Date.now().toString(36)
const therapists = [
	{ email: `ana.iowa.${run}@example.org`, name: 'Ana Lindqvist' },
	{ email: `ben.iowa.${run}@example.org`, name: 'Ben Okafor' },
]
const patientEmail = `robin.${run}@example.org`

const HEADER =
	'email,full_name,credentials,timezone,licenses,authorizations,modalities,phases,formats,languages,focus_areas,insurance,office_zip,self_pay_rate,sliding_scale,availability,weekly_capacity,accepting,kap_training_hours'
const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => `${d} 08:00-20:00`).join(';')
const csv = [
	HEADER,
	...therapists.map(
		(t, i) =>
			`${t.email},${t.name},LMHC,America/Chicago,IA:lmhc:LMHC-${run}-${i}:2030-12-31:verified,,act;ifs,preparation;integration,telehealth,en,depression,,,${120 + i * 10},true,${EVERY_DAY},5,true,${80 + i * 20}`,
	),
].join('\n')

async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
	// On this worker's server, as the test's own page (tests/e2e/app-server.ts).
	const context = await browser.newContext(options)
	return context.newPage()
}

async function offerLink(page: Page) {
	// The worker sends offers moments after posting; the inbox shows them on a reload.
	const link = page.getByRole('region', { name: /Waiting for your answer/ }).getByRole('link', { name: /^R-\w+$/ })
	await expect(async () => {
		await page.goto('/therapist/offers')
		await expect(link).toHaveCount(1, { timeout: 1_000 })
	}).toPass({ timeout: 30_000 })
	return link
}

test('a referral from posting to care: offers, acceptances, the patient’s choice, the first session', async ({ page, browser }) => {
	test.setTimeout(180_000)
	const problems = watchConsole(page)

	// A platform admin imports the two therapists; each is emailed a link to choose a password.
	await startSession(page, 'admin@tandem.example', { twoFactor: true })
	await page.goto('/admin/import')
	await page.getByLabel('CSV file (UTF-8, at most 5 MB)').setInputFiles({ name: 'iowa.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
	await page.getByLabel(/^Dry run/).uncheck()
	await page.getByRole('button', { name: 'Check and import' }).click()
	await expect(page.getByText(/Imported 2 therapists \(2 new/)).toBeVisible()
	await page.getByRole('button', { name: 'Log out', exact: true }).click()

	const [ana, ben] = await Promise.all(therapists.map(() => newPage(browser)))
	for (const [i, therapistPage] of [ana!, ben!].entries()) {
		await openLatestEmailLink(therapistPage, therapists[i]!.email, 'Your Tandem therapist profile is ready', /reset-password\?token=/)
		await therapistPage.getByRole('textbox', { name: 'New password' }).fill(PASSWORD)
		await therapistPage.getByRole('button', { name: 'Save the new password' }).click()
		await expect(therapistPage).toHaveURL(/\/login\?reset=1$/)
		await logIn(therapistPage, therapists[i]!.email, PASSWORD)
		await expect(therapistPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Offers' })).toBeVisible()
	}

	// The coordinator posts a referral for a patient in Iowa.
	const clinic = await newPage(browser)
	const clinicProblems = watchConsole(clinic)
	await startSession(clinic, 'tx.coordinator@tandem.example')
	await clinic.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click()
	await clinic.getByRole('link', { name: 'New referral' }).click()
	await clinic.getByLabel('State the patient will be in').selectOption('IA')
	await clinic.getByLabel('Age band').selectOption('35-44')
	// Preparation and integration: the therapists propose times before the first dose.
	await clinic.getByRole('checkbox', { name: 'Preparation', exact: true }).check()
	await clinic.getByRole('checkbox', { name: 'Integration', exact: true }).check()
	await clinic.getByLabel('Format').selectOption('telehealth')
	await clinic.getByLabel('Payment', { exact: true }).selectOption('self_pay')
	const inFiveDays = new Date(Date.now() + 5 * 24 * 3_600_000).toISOString().slice(0, 10)
	await clinic.getByLabel('First dosing session').fill(`${inFiveDays}T10:00`)
	await clinic.getByLabel('First name').fill('Robin')
	await clinic.getByLabel('Last name').fill('Hartley')
	await clinic.getByLabel('Email address').fill(patientEmail)
	// About forty whenever the test runs: inside the 35–44 band.
	await clinic.getByLabel('Date of birth').fill(`${new Date().getUTCFullYear() - 40}-06-14`)
	await clinic.getByRole('button', { name: 'Post referral' }).click()
	await expect(clinic.getByRole('heading', { level: 1, name: /^Robin Hartley · R-[A-Z0-9]{6}$/ })).toBeVisible()
	await expect(clinic.getByRole('region', { name: 'Where it stands' })).toContainText('Open')
	const referralUrl = clinic.url()

	// Both therapists get the offer, de-identified, and accept with proposed times.
	const offerUrls: string[] = []
	for (const [i, therapistPage] of [ana!, ben!].entries()) {
		await (await offerLink(therapistPage)).click()
		await therapistPage.waitForURL(/\/therapist\/offers\/[^/]+$/)
		offerUrls.push(therapistPage.url())
		const facts = therapistPage.getByRole('region', { name: 'About this referral' })
		await expect(facts).toContainText('Iowa')
		await expect(facts).toContainText(/starting the week of/)
		await expect(therapistPage.getByText('Robin')).toHaveCount(0)
		await expect(therapistPage.getByText('Hartley')).toHaveCount(0)
		if (i === 0) await expectNoSeriousAxeViolations(therapistPage)
		const times = therapistPage.getByRole('group', { name: /^Choose up to 3 first-session times/ }).getByRole('checkbox')
		// Times are every half hour; a second one an hour after the first does not overlap it.
		await times.nth(0).check()
		await expect(therapistPage.getByText('1 of 3 chosen')).toBeVisible()
		if (i === 0) await times.nth(2).check()
		await therapistPage.getByRole('button', { name: 'Accept and propose these times' }).click()
		await expect(therapistPage.getByText('Accepted. The patient will see you on their shortlist')).toBeVisible()
		await expect(therapistPage.getByRole('region', { name: 'Waiting for the patient' })).toBeVisible()
	}

	// A therapist cannot open another therapist's offer.
	const forbidden = await ben!.goto(offerUrls[0]!)
	expect(forbidden?.status()).toBe(403)

	// The patient opens the private link on a phone.
	const patient = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
	const patientProblems = watchConsole(patient)
	// The worker sends it moments after the first acceptance.
	await expect(async () => {
		await patient.goto('/dev/outbox')
		await expect(patient.getByRole('listitem').filter({ hasText: patientEmail }).filter({ hasText: 'Choose your therapist' })).toHaveCount(1, { timeout: 1_000 })
	}).toPass({ timeout: 30_000 })
	await openLatestEmailLink(patient, patientEmail, 'Choose your therapist', /\/choose\//)
	await expect(patient.getByRole('heading', { level: 1, name: 'Choose your therapist' })).toBeVisible()
	const linkUrl = patient.url()
	await expect(patient.getByRole('article')).toHaveCount(2)
	const anaCard = patient.getByRole('article', { name: therapists[0]!.name })
	// What the two share is said once above the cards; each card says what is its own.
	await expect(patient.getByText(/^All of them: /)).toBeVisible()
	await expect(anaCard).toContainText('$120 a session')
	await expect(anaCard).toContainText('By video')
	await expectNoSeriousAxeViolations(patient)

	// A therapist of another referral (the demo therapist's offer) is not on this link: 404.
	const demo = await newPage(browser)
	await startSession(demo, 'therapist.tx@tandem.example')
	await demo.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Offers' }).click()
	await expect(demo.getByRole('heading', { level: 1, name: 'Referral offers' })).toBeVisible()
	const otherOfferId = (await demo.getByRole('main').getByRole('link').first().getAttribute('href'))!.split('/').pop()!
	const stranger = await patient.request.post(linkUrl, { form: { intent: 'choose', choice: `${otherOfferId}|` }, headers: { Origin: new URL(linkUrl).origin } })
	expect(stranger.status()).toBe(404)

	// The patient chooses Ana and her first proposed time.
	const firstTime = anaCard
		.getByRole('group', { name: `Your first session with ${therapists[0]!.name}` })
		.getByRole('radio')
		.first()
	await firstTime.check()
	await anaCard.getByRole('button', { name: `Choose ${therapists[0]!.name}` }).click()
	await expect(patient.getByText('Your choice is saved')).toBeVisible()
	await expect(patient.getByRole('heading', { name: 'What happens next' })).toBeVisible()
	await expect(patient.getByRole('heading', { name: `You chose ${therapists[0]!.name}` })).toBeVisible()
	await expect(patient.getByText(/Your first session:/)).toBeVisible()

	// Ana sees the patient's details.
	await ana!.goto(offerUrls[0]!)
	const details = ana!.getByRole('region', { name: 'Your patient' })
	await expect(details).toContainText('Robin Hartley')
	await expect(details).toContainText(patientEmail)
	await expectNoSeriousAxeViolations(ana!)
	// The thread with the clinic opens now, for the two of them only.
	const thread = ana!.getByRole('region', { name: /^Messages with/ })
	await thread.getByLabel(/^Message/).fill('I will call Robin this afternoon to confirm.')
	await thread.getByRole('button', { name: 'Send message' }).click()
	await expect(thread.getByRole('listitem').filter({ hasText: 'I will call Robin this afternoon to confirm.' })).toBeVisible()
	await expect(ben!.getByRole('region', { name: /^Messages with/ })).toHaveCount(0)
	// The session is days away: saying it took place is refused, with when it can be said.
	await ana!.getByRole('button', { name: 'The first session took place' }).click()
	await expect(ana!.getByText(/^The first session is booked for .+ You can say it took place once it has started\.$/)).toBeVisible()

	// Ben's acceptance is released.
	await ben!.goto(offerUrls[1]!)
	await expect(ben!.getByText('Released: the patient did not choose this offer, or the referral closed')).toBeVisible()

	// The clinic sees the referral scheduled, with who did what when.
	await clinic.goto(referralUrl)
	const standing = clinic.getByRole('region', { name: 'Where it stands' })
	await expect(standing).toContainText('Scheduled')
	await expect(standing).toContainText(`Chosen therapist${therapists[0]!.name}`)
	const timeline = clinic.getByRole('region', { name: 'Timeline' })
	for (const step of ['Draft → Open', 'Open → Shortlisted', 'Shortlisted → Matched, by the patient', 'Matched → Scheduled']) await expect(timeline).toContainText(step)
	await expect(timeline).not.toContainText('In care')
	await expect(timeline).toContainText(`Offer to ${therapists[1]!.name}: Accepted → Released`)
	await expect(clinic.getByRole('region', { name: 'Offers' }).getByRole('row', { name: new RegExp(therapists[0]!.name) })).toContainText('Chosen by the patient')
	await expect(clinic.getByRole('region', { name: `Messages with ${therapists[0]!.name}` })).toContainText('I will call Robin this afternoon to confirm.')
	await expectNoSeriousAxeViolations(clinic)

	// The clinic withdraws the link: it no longer opens, and says what to do.
	await clinic.getByRole('button', { name: 'Withdraw the patient’s link' }).click()
	await clinic.getByRole('alertdialog', { name: 'Withdraw the patient’s link?' }).getByRole('button', { name: 'Withdraw the link' }).click()
	await expect(clinic.getByText('The patient’s link no longer works.')).toBeVisible()
	const gone = await patient.goto(linkUrl)
	expect(gone?.status()).toBe(410)
	await expect(patient.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible()
	await expect(patient.getByText(/no longer in use/)).toBeVisible()

	expect([...problems, ...clinicProblems, ...patientProblems]).toEqual([])
})
