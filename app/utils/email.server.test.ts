import { expect, test } from 'vitest'
import { keepsEmailBodies } from './email.server.ts'

test('only the development outbox keeps what emails say', () => {
	expect(keepsEmailBodies({ NODE_ENV: 'development', SMTP_URL: undefined })).toBe(true)
	expect(keepsEmailBodies({ NODE_ENV: 'development', SMTP_URL: 'smtp://mail.example:587' })).toBe(false)
	expect(keepsEmailBodies({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example:587' })).toBe(false)
	expect(keepsEmailBodies({ NODE_ENV: 'production', SMTP_URL: undefined })).toBe(false)
	expect(keepsEmailBodies({ NODE_ENV: 'test', SMTP_URL: undefined })).toBe(false)
})
