// What the browser tests share: watching the console for errors and CSP violations, axe, log-in.
import AxeBuilder from '@axe-core/playwright'
import { decodeBase32IgnorePadding } from '@oslojs/encoding'
import { generateHOTP } from '@oslojs/otp'
import { expect, test, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'tandem-demo-2026'
export const DEMO_ADMIN_TOTP_KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

/** The code an authenticator app would show `offsetSteps` 30-second steps from now. */
export function totp(key: string, offsetSteps = 0) {
	const step = Math.floor(Date.now() / 30_000) + offsetSteps
	return generateHOTP(decodeBase32IgnorePadding(key.replace(/\s/g, '')), BigInt(step), 6)
}

let lastAdminStep = -1

/**
 * The demo platform admin's authenticator code. A code works once: its 30-second step must be
 * newer than the last one accepted, so a test that follows another admin log-in within the same
 * step waits for the next (and gets that much more time). The tests share one worker process.
 */
export async function demoAdminCode() {
	const step = () => Math.floor(Date.now() / 30_000)
	if (step() <= lastAdminStep) {
		const wait = (lastAdminStep + 1) * 30_000 - Date.now() + 200
		test.info().setTimeout(test.info().timeout + wait)
		await new Promise((resolve) => setTimeout(resolve, wait))
	}
	lastAdminStep = step()
	return totp(DEMO_ADMIN_TOTP_KEY)
}

/** Logs the demo platform admin in, code and all. */
export async function logInAsDemoAdmin(page: Page) {
	await logIn(page, 'admin@tandem.example')
	await page.getByLabel('Code', { exact: true }).fill(await demoAdminCode())
	await page.getByRole('button', { name: 'Continue' }).click()
	await expect(page).toHaveURL(/\/home$/)
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
