import { expect, test } from 'vitest'
import { isLocalRequest, isLoopbackAddress } from './client-locality.ts'

const local = { remoteAddress: '127.0.0.1', host: 'localhost:3000', forwarded: false, behindProxy: false, appHostname: 'localhost' }

test('loopback addresses, in every spelling a socket reports them', () => {
	for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true)
	for (const address of ['192.0.2.2', '10.0.0.1', '::ffff:192.0.2.2', 'fd00::2', 'fe80::1', '::', '0.0.0.0', '128.0.0.1', undefined]) expect(isLoopbackAddress(address), String(address)).toBe(false)
})

test('a request from this machine, addressed to it, is local', () => {
	expect(isLocalRequest(local)).toBe(true)
	expect(isLocalRequest({ ...local, host: '127.0.0.1:3000' })).toBe(true)
	expect(isLocalRequest({ ...local, remoteAddress: '::1', host: '[::1]:3000' })).toBe(true)
	expect(isLocalRequest({ ...local, host: 'tandem.localhost' })).toBe(true)
	expect(isLocalRequest({ ...local, host: 'dev.tandem.example', appHostname: 'dev.tandem.example' })).toBe(true)
})

test('a request from another machine is not, whatever it claims', () => {
	expect(isLocalRequest({ ...local, remoteAddress: '192.0.2.2' })).toBe(false)
	expect(isLocalRequest({ ...local, remoteAddress: '::ffff:203.0.113.9' })).toBe(false)
	expect(isLocalRequest({ ...local, remoteAddress: undefined })).toBe(false)
})

test('a request a proxy relayed is not local, even from a proxy on this machine', () => {
	expect(isLocalRequest({ ...local, forwarded: true })).toBe(false)
	expect(isLocalRequest({ ...local, behindProxy: true })).toBe(false)
})

test('a page whose name was rebound to 127.0.0.1 does not count as local', () => {
	expect(isLocalRequest({ ...local, host: 'evil.example' })).toBe(false)
	expect(isLocalRequest({ ...local, host: 'evil.example:3000' })).toBe(false)
	expect(isLocalRequest({ ...local, host: undefined })).toBe(false)
	expect(isLocalRequest({ ...local, host: 'localhost.evil.example' })).toBe(false)
})
