// What the browser tests share: watching the console for errors and CSP violations, axe, log-in
// through the form, and signing in without it.
import AxeBuilder from '@axe-core/playwright'
import { decodeBase32IgnorePadding } from '@oslojs/encoding'
import { generateHOTP } from '@oslojs/otp'
import { expect, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'tandem-demo-2026'
export const DEMO_ADMIN_TOTP_KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

/** The code an authenticator app would show `offsetSteps` 30-second steps from now. */
export function totp(key: string, offsetSteps = 0) {
	return totpAt(key, Math.floor(Date.now() / 30_000) + offsetSteps)
}

/** The code for 30-second step `step` (since 1970). */
export function totpAt(key: string, step: number) {
	return generateHOTP(decodeBase32IgnorePadding(key.replace(/\s/g, '')), BigInt(step), 6)
}

let lastPinnedStep = 0

/**
 * Pins the clock the server checks two-factor codes against (/e2e/totp-clock) to the middle of a
 * step newer than any this worker pinned before, and returns that step. A code works once (its
 * step must be newer than the last one accepted), so without this a test that follows another
 * log-in within the same 30 seconds would wait for the next step. Each worker has its own server
 * and database, and its tests run one after another.
 */
export async function pinTotpStep(page: Page) {
	lastPinnedStep = Math.max(lastPinnedStep + 1, Math.floor(Date.now() / 30_000))
	const response = await page.request.post('/e2e/totp-clock', { form: { at: lastPinnedStep * 30_000 + 15_000 }, headers: { Origin: await originOf(page) } })
	expect(response.status(), await response.text()).toBe(200)
	return lastPinnedStep
}

/** The demo platform admin's authenticator code, for a step the server's clock is pinned to. */
export async function demoAdminCode(page: Page) {
	return totpAt(DEMO_ADMIN_TOTP_KEY, await pinTotpStep(page))
}

/**
 * Signs `email` in on this page's browser context without the log-in form (/e2e/session): a session
 * made as logging in makes it, with the second factor given when `twoFactor` (the platform admin
 * needs it). Then opens `goto`, as logging in would land there. Only the tests of logging in use the form.
 */
export async function startSession(page: Page, email: string, options: { twoFactor?: boolean; goto?: string | null } = {}) {
	const response = await page.request.post('/e2e/session', { form: { email, twoFactor: options.twoFactor ? '1' : '0' }, headers: { Origin: await originOf(page) } })
	expect(response.status(), await response.text()).toBe(200)
	const goto = options.goto === undefined ? '/home' : options.goto
	if (goto !== null) await page.goto(goto)
}

const origins = new WeakMap<Page, string>()

/**
 * The origin of the server this page's context addresses (its baseURL), which a POST must name
 * to pass the Origin check. Asked of the server once per page: the routes answer GET with 405.
 */
async function originOf(page: Page) {
	let origin = origins.get(page)
	if (!origin) {
		const probe = await page.request.get('/e2e/session')
		expect(probe.status(), 'the server serves /e2e/session (TANDEM_E2E_ROUTES=1)').toBe(405)
		origin = new URL(probe.url()).origin
		origins.set(page, origin)
	}
	return origin
}

/** Opens the first link matching `link` in the newest email to `to` with `subject` in the development outbox. */
export async function openLatestEmailLink(page: Page, to: string, subject: string, link: RegExp) {
	await page.goto('/dev/outbox')
	const message = page.getByRole('listitem').filter({ hasText: to }).filter({ hasText: subject }).first()
	await message.getByRole('link', { name: link }).first().click()
}

/** Console errors, page errors and Content-Security-Policy violations seen from now on. */
export function watchConsole(page: Page) {
	const problems: string[] = []
	page.on('console', (message) => {
		// A form answered with a 4xx (a wrong password, say) is expected; Chromium still logs it.
		if (/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return
		if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text())
	})
	page.on('pageerror', (error) => problems.push(error.message))
	return problems
}

export async function expectNoSeriousAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
	const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
	expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([])
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/login')
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill(password)
	await page.getByRole('button', { name: 'Log in' }).click()
}

/** Every axe violation, whatever its impact, against WCAG 2.2 A and AA and axe's best practices. */
export async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()
	expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

/** The page does not scroll sideways; when it does, names the elements that stick out. */
export async function expectNoHorizontalScroll(page: Page) {
	const overflow = await page.evaluate(() => {
		const width = window.innerWidth
		if (document.documentElement.scrollWidth <= width) return []
		return Array.from(document.querySelectorAll('body *'))
			.filter((element) => element.getBoundingClientRect().right > width + 0.5)
			.slice(0, 5)
			.map(
				(element) =>
					`${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${String(element.className).split(' ').slice(0, 3).join('.')} ends at ${Math.round(element.getBoundingClientRect().right)} px`,
			)
			.concat(`scrollWidth ${document.documentElement.scrollWidth} > ${width}`)
	})
	expect(overflow).toEqual([])
}
