import { describe, expect, test } from 'vitest'
import { testWorkers } from './test-workers.ts'

describe('testWorkers', () => {
	test('one per core by default, at least one', () => {
		expect(testWorkers({}, 2)).toBe(2)
		expect(testWorkers({ TEST_WORKERS: ' ' }, 8)).toBe(8)
		expect(testWorkers({}, 0)).toBe(1)
	})

	test('TEST_WORKERS sets it, 1 included', () => {
		expect(testWorkers({ TEST_WORKERS: '1' }, 8)).toBe(1)
		expect(testWorkers({ TEST_WORKERS: '3' }, 2)).toBe(3)
	})

	test.each(['0', '-1', '1.5', 'two', '2x'])('refuses TEST_WORKERS=%s with a message naming it', (value) => {
		expect(() => testWorkers({ TEST_WORKERS: value }, 2)).toThrow(`TEST_WORKERS must be a whole number of workers, 1 or more (got "${value}")`)
	})
})
