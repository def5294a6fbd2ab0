// Every page of every role, on a laptop (1366 px) and on a phone (390 px): nothing scrolls sideways
// and axe finds no violation of any impact. One signed-in browser context per role, reused by its
// pages; each page is its own test, so one failure names its page and the rest still run.
import { type Browser, type Page } from '@playwright/test'
import { expect, test } from './app-server.ts'
import { expectNoAxeViolations, expectNoHorizontalScroll, startSession } from './helpers.ts'

const WIDTHS = [1366, 390] as const

// Two widths and a full axe run per page: more than the default 30 seconds on a busy machine. Each
// role is a group that may run in a worker of its own (the file is the suite's longest); a role's
// pages run in order, on the one page signed in for them (mode 'default' below).
test.describe.configure({ mode: 'parallel', timeout: 90_000 })

/** Opens `path`, then checks it at each width. */
async function checkPage(page: Page, path: string, status = 200) {
	await page.setViewportSize({ width: WIDTHS[0], height: 900 })
	const response = await page.goto(path)
	expect(response?.status(), `status of ${path}`).toBe(status)
	for (const width of WIDTHS) {
		await page.setViewportSize({ width, height: width > 800 ? 900 : 844 })
		await test.step(`${width} px`, async () => {
			await expectNoHorizontalScroll(page)
			await expectNoAxeViolations(page)
		})
	}
}

/** A page in a context of its own (axe needs the page's context to be one the test made). */
async function newPage(browser: Browser) {
	return (await browser.newContext()).newPage()
}

/** Signed in without the log-in form (its own tests are in accounts.spec.ts and two-factor-and-teams.spec.ts). */
async function signedIn(browser: Browser, email: string, options: { twoFactor?: boolean } = {}) {
	const page = await newPage(browser)
	await startSession(page, email, { ...options, goto: null })
	return page
}

/** The first link on `page` whose address matches `pattern`, or a failure that says which was missing. */
async function firstHref(page: Page, path: string, pattern: RegExp) {
	await page.goto(path)
	const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))
	const href = hrefs.find((h) => pattern.test(h.split('?')[0]!))
	expect(href, `a link matching ${pattern} on ${path}`).toBeTruthy()
	return href!.split('?')[0]!
}

const ACCOUNT_PAGES = ['/home', '/account', '/account/two-factor', '/notifications']

test.describe('a visitor', () => {
	test.describe.configure({ mode: 'default' })
	let page: Page
	test.beforeAll(async ({ browser }) => {
		page = await newPage(browser)
	})
	test.afterAll(async () => page.context().close())

	const pages: [string, number?][] = [
		['/'],
		['/login'],
		['/signup'],
		['/forgot-password'],
		['/reset-password?token=not-a-real-token'],
		['/invitation?token=not-a-real-token'],
		['/join/therapist?token=not-a-real-token'],
		['/verify-email?token=not-a-real-token'],
		['/no/such/page', 404],
	]
	for (const [path, status] of pages) {
		test(path, async () => {
			await checkPage(page, path, status)
		})
	}
})

test.describe('a clinic coordinator', () => {
	test.describe.configure({ mode: 'default' })
	let page: Page
	let clinic = ''
	const referral: Record<'open' | 'draft' | 'inCare' | 'any', string> = { open: '', draft: '', inCare: '', any: '' }
	test.beforeAll(async ({ browser }) => {
		page = await signedIn(browser, 'tx.coordinator@tandem.example')
		clinic = (await firstHref(page, '/home', /^\/clinics\/[^/]+\//)).match(/^\/clinics\/[^/]+/)![0]
		referral.any = await firstHref(page, `${clinic}/referrals`, /\/referrals\/(?!new$)[^/]+$/)
		referral.open = await firstHref(page, `${clinic}/referrals?status=open`, /\/referrals\/(?!new$)[^/]+$/)
		referral.draft = await firstHref(page, `${clinic}/referrals?status=draft`, /\/referrals\/(?!new$)[^/]+$/)
		referral.inCare = await firstHref(page, `${clinic}/referrals?status=in_care`, /\/referrals\/(?!new$)[^/]+$/)
	})
	test.afterAll(async () => page.context().close())

	const pages: [string, () => string][] = [
		['referrals', () => `${clinic}/referrals`],
		['a referral', () => referral.any],
		['an open referral', () => referral.open],
		['a new referral', () => `${clinic}/referrals/new`],
		['editing a draft referral', () => `${referral.draft}/edit`],
		['an open referral’s matches', () => `${referral.open}/matches`],
		['the therapists directory', () => `${clinic}/therapists`],
		['the coverage map', () => `${clinic}/coverage`],
		['the team', () => `${clinic}/members`],
		['inviting a therapist', () => `${clinic}/therapists/invite`],
		...ACCOUNT_PAGES.map((path): [string, () => string] => [path, () => path]),
	]
	for (const [name, path] of pages) {
		test(name, async () => {
			await checkPage(page, path())
		})
	}

	test('a referral in care, with its series plan', async () => {
		await checkPage(page, referral.inCare)
		await expect(page.getByRole('heading', { name: 'The series plan' })).toBeVisible()
	})

	test('a therapist’s profile', async () => {
		await checkPage(page, await firstHref(page, `${clinic}/therapists?state=TX`, /^\/therapists\/[^/]+$/))
	})
})

test.describe('a clinic admin', () => {
	test.describe.configure({ mode: 'default' })
	let page: Page
	let clinic = ''
	test.beforeAll(async ({ browser }) => {
		page = await signedIn(browser, 'tx.admin@tandem.example')
		clinic = (await firstHref(page, '/home', /^\/clinics\/[^/]+\//)).match(/^\/clinics\/[^/]+/)![0]
	})
	test.afterAll(async () => page.context().close())

	for (const [name, path] of [
		['the team', 'members'],
		['API keys', 'api-keys'],
		['billing', 'billing'],
		['referrals', 'referrals'],
	] as const) {
		test(name, async () => {
			await checkPage(page, `${clinic}/${path}`)
		})
	}
	test('/account', async () => {
		await checkPage(page, '/account')
	})
})

test.describe('a therapist', () => {
	test.describe.configure({ mode: 'default' })
	let page: Page
	test.beforeAll(async ({ browser }) => {
		page = await signedIn(browser, 'therapist.tx@tandem.example')
	})
	test.afterAll(async () => page.context().close())

	for (const path of ['/therapist/offers', '/therapist/profile', ...ACCOUNT_PAGES]) {
		test(path, async () => {
			await checkPage(page, path)
		})
	}
	test('an offer', async () => {
		await checkPage(page, await firstHref(page, '/therapist/offers', /^\/therapist\/offers\/[^/]+$/))
	})
	test('an offer the patient chose, with its series plan', async () => {
		await page.setViewportSize({ width: WIDTHS[0], height: 900 })
		await page.goto('/therapist/offers')
		// The answered offers list the therapist's patients first.
		const href = await page
			.getByRole('table', { name: /Answered and past offers/ })
			.locator('a[href^="/therapist/offers/"]')
			.first()
			.getAttribute('href')
		expect(href).toBeTruthy()
		await checkPage(page, href!)
		await expect(page.getByRole('heading', { name: 'The series plan' })).toBeVisible()
	})
})

test.describe('a patient', () => {
	test.describe.configure({ mode: 'default' })
	let page: Page
	let link = ''
	test.beforeAll(async ({ browser }) => {
		// A coordinator sends a fresh link for the clinic's shortlisted referral; the patient opens it from the email, signed out.
		const coordinator = await signedIn(browser, 'tx.coordinator@tandem.example')
		const clinic = (await firstHref(coordinator, '/home', /^\/clinics\/[^/]+\//)).match(/^\/clinics\/[^/]+/)![0]
		const shortlisted = await firstHref(coordinator, `${clinic}/referrals?status=shortlisted`, /\/referrals\/(?!new$)[^/]+$/)
		const sent = await coordinator.evaluate(async (url) => {
			const response = await fetch(`${url}?index`, { method: 'POST', body: new URLSearchParams({ intent: 'resend_link' }) })
			return response.status
		}, shortlisted)
		expect(sent).toBeLessThan(400)
		await coordinator.context().close()
		page = await newPage(browser)
		await expect(async () => {
			link = await firstHref(page, '/dev/outbox', /^(https?:\/\/[^/]+)?\/choose\/[^/]+$/)
		}).toPass({ timeout: 30_000 })
		link = new URL(link, 'http://localhost').pathname
	})
	test.afterAll(async () => page.context().close())

	test('the private link', async () => {
		await checkPage(page, link)
	})
})

test.describe('a platform admin', () => {
	test.describe.configure({ mode: 'default' })
	let page: Page
	test.beforeAll(async ({ browser }) => {
		page = await signedIn(browser, 'admin@tandem.example', { twoFactor: true })
	})
	test.afterAll(async () => page.context().close())

	for (const path of ['/admin/verification', '/admin/credentials', '/admin/import', '/admin/coverage', ...ACCOUNT_PAGES]) {
		test(path, async () => {
			await checkPage(page, path)
		})
	}
})
