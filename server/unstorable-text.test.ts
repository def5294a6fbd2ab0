import { expect, test } from 'vitest'
import { decodeComponent, findUnstorableInBody, findUnstorableInForm, findUnstorableInJson, findUnstorableInUrl } from './unstorable-text.ts'

const utf8 = (text: string) => new TextEncoder().encode(text)

test('percent-decoding keeps what URLSearchParams keeps and refuses bytes that are not UTF-8', () => {
	expect(decodeComponent('a+b%20c', true)).toBe('a b c')
	expect(decodeComponent('a+b', false)).toBe('a+b')
	expect(decodeComponent('100%', true)).toBe('100%')
	expect(decodeComponent('%zz%4', true)).toBe('%zz%4')
	expect(decodeComponent('caf%C3%A9 ☕ 😀', true)).toBe('café ☕ 😀')
	expect(decodeComponent('%FF', true)).toBeNull()
	expect(decodeComponent('%C3', true)).toBeNull()
	expect(decodeComponent('%ED%A0%80', true)).toBeNull() // an encoded surrogate
})

test('a NUL in the path or the query is named; ordinary addresses pass', () => {
	expect(findUnstorableInUrl('/clinics/c1/therapists?name=Ana+Mar%C3%ADa&state=TX')).toBeNull()
	expect(findUnstorableInUrl('/choose/abc?index')).toBeNull()
	expect(findUnstorableInUrl('/api/v1/referrals/%00')).toMatchObject({ field: '(path)', message: expect.stringMatching(/NUL/) })
	expect(findUnstorableInUrl('/therapists/x%00y/photo')).toMatchObject({ field: '(path)' })
	expect(findUnstorableInUrl('/clinics/c1/therapists?state=TX&name=%00')).toMatchObject({ field: 'name', message: expect.stringMatching(/NUL/) })
	expect(findUnstorableInUrl('/x?na%00me=1')).toMatchObject({ field: '(query)' })
	expect(findUnstorableInUrl('/x%FF')).toMatchObject({ field: '(path)', message: 'is not valid UTF-8 text' })
	expect(findUnstorableInUrl('/x?q=%FF')).toMatchObject({ field: 'q', message: 'is not valid UTF-8 text' })
})

test('a form field with a NUL, or with bytes that are not UTF-8, is named', () => {
	expect(findUnstorableInForm(utf8('intent=message&body=hello+there'))).toBeNull()
	expect(findUnstorableInForm(utf8('intent=message&body=hel%00lo'))).toEqual({ field: 'body', message: expect.stringMatching(/NUL/) })
	expect(findUnstorableInForm(utf8('patient.firstName=%00'))).toMatchObject({ field: 'patient.firstName' })
	expect(findUnstorableInForm(utf8('note=%C3%28'))).toMatchObject({ field: 'note', message: 'is not valid UTF-8 text' })
	expect(findUnstorableInForm(new Uint8Array([0x6e, 0x3d, 0xff]))).toMatchObject({ field: '(body)', message: 'is not valid UTF-8 text' })
})

test('a JSON string with a NUL or an unpaired surrogate is named by its path, as the API names fields', () => {
	expect(findUnstorableInJson(utf8(JSON.stringify({ patient: { firstName: 'Jo 😀' }, phases: ['integration'] })))).toBeNull()
	expect(findUnstorableInJson(utf8(JSON.stringify({ patient: { firstName: 'J\u0000o' } })))).toEqual({ field: 'patient.firstName', message: expect.stringMatching(/NUL/) })
	expect(findUnstorableInJson(utf8('{"phases":["integration","\\u0000"]}'))).toMatchObject({ field: 'phases.1' })
	expect(findUnstorableInJson(utf8('{"patient":{"lastName":"\\ud800"}}'))).toMatchObject({ field: 'patient.lastName', message: expect.stringMatching(/surrogate/) })
	expect(findUnstorableInJson(utf8('{"patient":{"a\\u0000":1}}'))).toMatchObject({ field: 'patient', message: expect.stringMatching(/key/) })
	expect(findUnstorableInJson(utf8('"\\u0000"'))).toMatchObject({ field: '(body)' })
	expect(findUnstorableInJson(utf8('{not json'))).toBeNull()
	expect(findUnstorableInJson(new Uint8Array([0x22, 0xff, 0x22]))).toMatchObject({ field: '(body)', message: 'is not valid UTF-8 text' })
})

test('multipart text fields are checked; files may hold any bytes', async () => {
	const form = new FormData()
	form.set('intent', 'photo')
	form.set('photo', new File([new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x00])], 'me.jpg', { type: 'image/jpeg' }))
	const encoded = new Response(form)
	const type = encoded.headers.get('Content-Type')!
	const body = new Uint8Array(await encoded.arrayBuffer())
	expect(await findUnstorableInBody(body, type)).toBeNull()

	form.set('intent', 'ph\u0000oto')
	const bad = new Response(form)
	expect(await findUnstorableInBody(new Uint8Array(await bad.arrayBuffer()), bad.headers.get('Content-Type')!)).toMatchObject({ field: 'intent' })
})

test('the body is checked by its declared type; other types and empty bodies pass', async () => {
	expect(await findUnstorableInBody(utf8('a=%00'), 'application/x-www-form-urlencoded; charset=UTF-8')).toMatchObject({ field: 'a' })
	expect(await findUnstorableInBody(utf8('{"a":"\\u0000"}'), 'application/json')).toMatchObject({ field: 'a' })
	expect(await findUnstorableInBody(utf8('{"a":"\\u0000"}'), 'application/merge-patch+json')).toMatchObject({ field: 'a' })
	expect(await findUnstorableInBody(utf8('a=%00'), 'text/plain')).toBeNull()
	expect(await findUnstorableInBody(new Uint8Array(), 'application/json')).toBeNull()
	expect(await findUnstorableInBody(utf8('a=%00'), undefined)).toBeNull()
})
