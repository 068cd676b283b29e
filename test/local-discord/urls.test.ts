import { describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH, messageUrls, urlError } from '../../src/local-discord/urls.ts';
import { validateMessage } from '../../src/local-discord/wire.ts';

const NOT_WELL_FORMED = { code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' };

describe("the local server's URL rule", () => {
  it('takes well-formed http(s) URLs: paths, queries, fragments, ports, IP addresses, any case', () => {
    for (const url of [
      'https://news.example.org/2024/05/summit',
      'http://news.example.org',
      'HTTPS://News.Example.org/A?b=1&c=%20#part',
      'https://news.example.org:8443/a',
      'https://news.example.org:/empty-port',
      'https://@news.example.org/empty-user-info',
      'https://%6Eews.example.org/percent-encoded-host',
      'https://news.example.org./trailing-dot',
      'https://192.0.2.10/a',
      'https://[2001:db8::1]/a',
      'https://sub-domain.news.example.org/a(b)',
    ]) {
      expect(urlError(url), url).toBeNull();
    }
  });

  it('refuses another scheme with URL_TYPE_INVALID_SCHEME, naming it', () => {
    expect(urlError('javascript:alert(1)')).toEqual({
      code: 'URL_TYPE_INVALID_SCHEME',
      message: `Scheme "javascript" is not supported. Scheme must be one of ('http', 'https').`,
    });
    expect(urlError('ftp://news.example.org/a')?.code).toBe('URL_TYPE_INVALID_SCHEME');
  });

  it('refuses what is not a well-formed URL with URL_TYPE_INVALID_URL', () => {
    for (const url of [
      '',
      'news.example.org/a',
      'https:/news.example.org/a',
      'https://',
      'https://news site.example/a',
      'https://news.example.org/a b',
      'https://news.example.org/a\u200bb',
      'https://news.example.org/\u0000',
      'https://news_site.example/a',
      'https://-news.example.org/a',
      'https://news.example.org:99999/a',
      'https://news..example.org/a',
      'https://news/a',
      'https://10.0.0.999/a',
      'https://7/short-ipv4',
      'https://9.913/short-ipv4',
      'https://news%2Fexample.org/a',
      'https://news%zz.example.org/a',
      'https:///news.example.org/a',
      'https://news.example.org\\a',
      'https://user@name@news.example.org/a',
    ]) {
      expect(urlError(url), url).toEqual(NOT_WELL_FORMED);
    }
    expect(urlError(42)).toEqual(NOT_WELL_FORMED);
  });

  it(`takes ${MAX_URL_LENGTH} characters and refuses one more`, () => {
    const base = 'https://news.example.org/';
    const fits = base + 'a'.repeat(MAX_URL_LENGTH - base.length);
    expect(urlError(fits)).toBeNull();
    expect(urlError(`${fits}a`)).toEqual({
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${MAX_URL_LENGTH} or fewer in length.`,
    });
  });

  it('lets images and icons name an attachment, and only them', () => {
    expect(urlError('attachment://chart.png', true)).toBeNull();
    expect(urlError('attachment://', true)).toEqual(NOT_WELL_FORMED);
    expect(urlError('attachment://chart.png')?.code).toBe('URL_TYPE_INVALID_SCHEME');
  });

  it('finds every URL field of a message, skipping null and absent ones', () => {
    const payload = {
      embeds: [
        {
          url: 'https://a.example/1',
          author: { name: 'n', url: 'https://a.example/2', icon_url: 'https://a.example/3' },
          footer: { text: 'f', icon_url: 'https://a.example/4' },
          thumbnail: { url: 'https://a.example/5' },
          image: { url: null },
        },
      ],
      components: [
        { type: 1, components: [{ type: 2, style: 5, label: 'Read', url: 'https://a.example/6' }] },
      ],
    };
    expect(messageUrls(payload).map(({ path, media }) => [path.join('.'), media])).toEqual([
      ['embeds.0.url', false],
      ['embeds.0.author.url', false],
      ['embeds.0.author.icon_url', true],
      ['embeds.0.footer.icon_url', true],
      ['embeds.0.thumbnail.url', true],
      ['components.0.components.0.url', false],
    ]);
  });

  it("is part of the server's message check, at the field's path", () => {
    expect(validateMessage({ embeds: [{ url: 'https://news.example.org/a' }] }, ['data'])).toEqual([]);
    expect(validateMessage({ embeds: [{ title: 't' }, { url: 'https://news site/a' }] }, ['data'])).toEqual([
      { path: ['data', 'embeds', 1, 'url'], ...NOT_WELL_FORMED },
    ]);
  });
});
