/**
 * Two languages: the built client in real Chromium, every page, as an
 * anonymous visitor and as the demo fund admin (so the fund-side panels
 * render). The browser asks for Chinese, so the page starts in Chinese;
 * then the language switcher goes to English and back to Chinese. In each
 * state the page must show no untranslated key:
 *
 * - i18next reported no missing key (the client records them on
 *   `window.commonwealI18n.missingKeys`, see client/src/i18n.ts);
 * - no text or label looks like a key of the messages (`nav.feedback`),
 *   an unfilled `{{placeholder}}`, or i18next's "returned an object";
 * - in Chinese no English UI string is left (a text equal to an English
 *   message that has a different Chinese one), and the header and the main
 *   content hold Chinese characters; in English no Chinese UI string is left;
 * - `<html lang>` and the document title follow the language.
 *
 * Two checks need no browser: the Chinese messages hold no English words
 * (acronyms such as CSV aside) and the English ones no Chinese; and no
 * component of the client writes text, a label or a placeholder itself
 * instead of asking i18next (a scan of client/src with TypeScript's parser).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import ts from 'typescript';
import { launchBrowser } from '../support/browser.js';
import { apiFor, DEMO, DEMO_PASSWORD, ok, REPO_ROOT, startServer, type StartedServer } from '../support/server.js';

type Lang = 'zh-CN' | 'en';

let server: StartedServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

interface Ids {
  proposal: string;
  campaign: string;
  organization: string;
  survey: string | null;
  meeting: string | null;
}
let ids: Ids;

/** An optional list query (surveys, meetings): the first id, or null when the server has none or no such query. */
async function firstId(api: ReturnType<typeof apiFor>, query: string, field: string): Promise<string | null> {
  const res = await api.gql(query);
  const list = (res.data?.[field] ?? []) as Array<{ id: string }>;
  return list[0]?.id ?? null;
}

/** A page whose browser prefers Simplified Chinese. */
async function chinesePage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Waits until the route has rendered its heading and nothing is loading any more (for 300 ms running). */
async function settle(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  let quietSince = Date.now();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const busy = await page.locator('main .loading, main [aria-busy=true]').count();
    if (busy > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 300) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`${page.url()} still loading after 15 s`);
}

interface Findings {
  lang: string;
  title: string;
  missingKeys: string[];
  keyLike: string[];
  otherLanguage: string[];
  headerCjk: number;
  mainCjk: number;
}

/**
 * Reads the rendered page: every text node and every visible label attribute, compared with the
 * messages of both languages as the client has them. Runs in the page.
 */
interface Probe {
  missingKeys: string[];
  resources: Record<Lang, object>;
}

function inspect(page: Page, language: Lang): Promise<Findings> {
  return page.evaluate((lang: Lang) => {
    const probe = (window as unknown as { commonwealI18n?: Probe }).commonwealI18n;
    if (!probe) throw new Error('window.commonwealI18n is missing: the client no longer exposes its i18n probe');
    const flatten = (obj: object, prefix = '', out = new Map<string, string>()): Map<string, string> => {
      for (const [k, v] of Object.entries(obj)) {
        const key = prefix ? `${prefix}.${k}` : k;
        if (typeof v === 'string') out.set(key, v);
        else if (v && typeof v === 'object') flatten(v as object, key, out);
      }
      return out;
    };
    const own = flatten(probe.resources[lang]);
    const otherLang: Lang = lang === 'en' ? 'zh-CN' : 'en';
    const other = flatten(probe.resources[otherLang]);
    const ownValues = new Set(own.values());
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A message of the other language that this language words differently: seeing it means a string was not
    // switched. Placeholders match anything; a message that is mostly placeholders is too vague to look for.
    const foreign: Array<{ key: string; test: (text: string) => boolean }> = [];
    for (const [key, value] of other) {
      if (own.get(key) === value || ownValues.has(value)) continue;
      const literal = value.replace(/\{\{[^}]+\}\}/g, '');
      // A message with placeholders must have enough words of its own not to match page content by chance
      // ("{{answered}} of {{total}}" would match any sentence with " of " in it).
      const letters = (literal.match(/[A-Za-z]/g) ?? []).length + 2 * (literal.match(/[\u4e00-\u9fff]/g) ?? []).length;
      if (letters < (literal === value ? 2 : 6)) continue;
      if (literal === value) {
        const normalized = value.replace(/\s+/g, ' ').trim();
        foreign.push({ key, test: (text) => text === normalized });
      } else {
        const pattern = new RegExp(
          `^${value
            .split(/\{\{[^}]+\}\}/)
            .map((part) => escape(part.replace(/\s+/g, ' ')))
            .join('.+?')
            .trim()}$`,
          's',
        );
        foreign.push({ key, test: (text) => pattern.test(text) });
      }
    }
    const namespaces = Object.keys(probe.resources.en).map(escape).join('|');
    const keyPattern = new RegExp(`(^|[^\\w@/.-])(${namespaces})\\.[A-Za-z][\\w]*(\\.[\\w]+)*`);
    const texts: Array<{ where: string; text: string }> = [];
    const describe = (el: Element | null): string => {
      if (!el) return '?';
      const testId = el.closest('[data-testid]')?.getAttribute('data-testid');
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${testId ? `[${testId}]` : ''}`;
    };
    // Text shown in a language of its own on purpose (the language switcher names each language in itself).
    const ownLanguage = (el: Element | null) => {
      const marked = el?.closest('[lang]');
      return Boolean(marked && marked !== document.documentElement);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, noscript, template') || ownLanguage(parent)) continue;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) texts.push({ where: describe(parent), text });
    }
    const ATTRIBUTES = [
      'aria-label',
      'title',
      'placeholder',
      'alt',
      'aria-description',
      'aria-valuetext',
      'data-label',
    ];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (ownLanguage(el)) continue;
      for (const attr of ATTRIBUTES) {
        const value = el.getAttribute(attr)?.replace(/\s+/g, ' ').trim();
        if (value) texts.push({ where: `${describe(el)}@${attr}`, text: value });
      }
    }
    texts.push({ where: 'document.title', text: document.title });
    const keyLike: string[] = [];
    const otherLanguage: string[] = [];
    for (const { where, text } of texts) {
      if (keyPattern.test(text) || text.includes('{{') || text.includes('returned an object')) {
        keyLike.push(`${where}: ${text}`);
      }
      const hit = foreign.find((f) => f.test(text));
      if (hit) otherLanguage.push(`${where}: "${text}" (${otherLang} ${hit.key})`);
    }
    const cjk = (el: Element | null) => ((el as HTMLElement | null)?.innerText.match(/[\u4e00-\u9fff]/g) ?? []).length;
    return {
      lang: document.documentElement.lang,
      title: document.title,
      missingKeys: [...probe.missingKeys],
      keyLike,
      otherLanguage,
      headerCjk: cjk(document.querySelector('header')),
      mainCjk: cjk(document.querySelector('main')),
    };
  }, language);
}

async function expectTranslated(page: Page, language: Lang, what: string): Promise<void> {
  await settle(page);
  const found = await inspect(page, language);
  const problems = {
    page: `${what} in ${language}`,
    lang: found.lang,
    missingKeys: found.missingKeys,
    keyLike: found.keyLike,
    otherLanguage: found.otherLanguage,
  };
  expect(problems).toEqual({
    page: `${what} in ${language}`,
    lang: language,
    missingKeys: [],
    keyLike: [],
    otherLanguage: [],
  });
  expect(found.title).toBe(language === 'en' ? 'Commonweal' : '公益共治');
  if (language === 'zh-CN') {
    expect(found.headerCjk).toBeGreaterThan(10);
    expect(found.mainCjk).toBeGreaterThan(2);
  } else {
    // the only Chinese in an English header is the language switcher's own name, 中文
    expect(found.headerCjk).toBeLessThanOrEqual(2);
  }
}

async function switchTo(page: Page, language: Lang): Promise<void> {
  await page.locator(`.lang-switch button[lang="${language}"]`).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, language);
}

const pages: Array<[string, () => string | null]> = [
  ['the dashboard', () => '/'],
  ['the needs board', () => '/needs'],
  ['the proposals', () => '/proposals'],
  ['a proposal', () => `/proposals/${ids.proposal}`],
  ['the organizations', () => '/organizations'],
  ['an organization', () => `/organizations/${ids.organization}`],
  ['the partnerships', () => '/partnerships'],
  ['the campaigns', () => '/campaigns'],
  ['a campaign', () => `/campaigns/${ids.campaign}`],
  ['the ledger', () => '/transparency'],
  ['the payments', () => '/disbursements'],
  ['the feedback', () => '/feedback'],
  ['the surveys', () => '/surveys'],
  ['a survey', () => (ids.survey ? `/surveys/${ids.survey}` : null)],
  ['the meetings', () => '/meetings'],
  ['a meeting', () => (ids.meeting ? `/meetings/${ids.meeting}` : null)],
  ['the notifications', () => '/notifications'],
  ['the moderation queue', () => '/moderation'],
  ['the audit trail', () => '/audit'],
  ['a missing page', () => '/no-such-page'],
];

/** Visits `path`, checks it in Chinese, switches to English, checks, switches back, checks. */
async function roundTrip(page: Page, path: string, what: string): Promise<void> {
  await page.goto(`${server.baseUrl}${path}`);
  await expectTranslated(page, 'zh-CN', what);
  await switchTo(page, 'en');
  await expectTranslated(page, 'en', what);
  await switchTo(page, 'zh-CN');
  await expectTranslated(page, 'zh-CN', what);
}

// ------------------------------------------------------------------ without a browser

const CLIENT_SRC = join(REPO_ROOT, 'client', 'src');
/** Latin letters a Chinese message may keep: names of formats and the like. */
const LATIN_IN_CHINESE = /\b(CSV|PDF|ID|URL)\b/g;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'gql' && name !== 'locales') sourceFiles(path, out);
    } else if (/\.tsx?$/.test(name) && name !== 'messages.ts') {
      out.push(path);
    }
  }
  return out;
}

/** Text a component shows without i18next: JSX text, and string literals as labels, titles, placeholders, alt text. */
function hardCodedText(file: string): string[] {
  const LABELS = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'aria-description', 'aria-valuetext']);
  const WORDS = /[A-Za-z]{2,}|[\u4e00-\u9fff]/;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${relative(CLIENT_SRC, file)}:${line + 1}: ${JSON.stringify(text)}`);
  };
  const literal = (node: ts.Node | undefined): string | null =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && WORDS.test(node.text)) report(node, node.text.trim());
    if (ts.isJsxAttribute(node) && LABELS.has(node.name.getText())) {
      const init = node.initializer;
      const value = literal(init) ?? (init && ts.isJsxExpression(init) ? literal(init.expression) : null);
      if (value && WORDS.test(value)) report(node, value);
    }
    if (ts.isJsxExpression(node) && !ts.isJsxAttribute(node.parent)) {
      const value = literal(node.expression);
      if (value && WORDS.test(value)) report(node, value);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('without a browser', () => {
  it('no component writes visible text itself instead of asking i18next', () => {
    const files = sourceFiles(CLIENT_SRC);
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(hardCodedText)).toEqual([]);
  });
});

// ------------------------------------------------------------------ in the browser

describe('in the browser', () => {
  beforeAll(async () => {
    server = await startServer();
    const api = apiFor(server);
    const fundId = (ok(await api.gql('{ funds { id } }')).funds as Array<{ id: string }>)[0]!.id;
    const proposals = ok(await api.gql('{ proposals(status: [CONSULTATION], first: 5) { nodes { id } } }')).proposals
      .nodes as Array<{ id: string }>;
    const campaigns = ok(await api.gql('query ($f: ID!) { campaigns(fundId: $f) { id } }', { f: fundId }))
      .campaigns as Array<{ id: string }>;
    const organizations = ok(await api.gql('{ organizations { id } }')).organizations as Array<{ id: string }>;
    expect(proposals.length).toBeGreaterThan(0);
    expect(campaigns.length).toBeGreaterThan(0);
    expect(organizations.length).toBeGreaterThan(0);
    ids = {
      proposal: proposals[0]!.id,
      campaign: campaigns[0]!.id,
      organization: organizations[0]!.id,
      survey: await firstId(api, `{ surveys(fundId: "${fundId}") { id } }`, 'surveys'),
      meeting: await firstId(api, `{ meetings(fundId: "${fundId}") { id } }`, 'meetings'),
    };
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  describe('an anonymous visitor whose browser prefers Chinese', () => {
    let page: Page;

    beforeAll(async () => {
      page = await chinesePage();
    });

    it('gets the page in Chinese without choosing', async () => {
      await page.goto(`${server.baseUrl}/`);
      await settle(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(await page.locator('.lang-switch button[lang="zh-CN"]').getAttribute('aria-pressed')).toBe('true');
    });

    it('the Chinese messages hold no English words, the English messages no Chinese', async () => {
      const resources = await page.evaluate(
        () => (window as unknown as { commonwealI18n?: Probe }).commonwealI18n?.resources ?? null,
      );
      expect(resources).not.toBeNull();
      const flatten = (obj: object, prefix = ''): Array<[string, string]> =>
        Object.entries(obj).flatMap(([k, v]): Array<[string, string]> => {
          const key = prefix ? `${prefix}.${k}` : k;
          return typeof v === 'string' ? [[key, v]] : flatten(v as object, key);
        });
      const words = (value: string) => value.replace(/\{\{[^}]+\}\}/g, '').replace(/<\/?\d+>/g, '');
      const english = flatten(resources!.en);
      const chinese = flatten(resources!['zh-CN']);
      expect(chinese.map(([k]) => k)).toEqual(english.map(([k]) => k));
      expect(chinese.filter(([, v]) => /[A-Za-z]{2,}/.test(words(v).replace(LATIN_IN_CHINESE, '')))).toEqual([]);
      expect(english.filter(([, v]) => /[\u4e00-\u9fff]/.test(v))).toEqual([]);
    });

    it.each([...pages, ['the sign-in page', () => '/signin'], ['the sign-up page', () => '/signup']] as Array<
      [string, () => string | null]
    >)(
      '%s: Chinese, English, Chinese',
      async (what, path) => {
        const p = path();
        if (!p) return; // the server has none to show
        await roundTrip(page, p, what);
      },
      90_000,
    );
  });

  describe('the demo fund admin (fund-side panels)', () => {
    let page: Page;

    beforeAll(async () => {
      page = await chinesePage();
      await page.goto(`${server.baseUrl}/signin`);
      await page.locator('#signin-email').fill(DEMO.admin);
      await page.locator('#signin-password').fill(DEMO_PASSWORD);
      await page.locator('[data-testid=signin-submit]').click();
      await page.locator('[data-testid=viewer-name]').waitFor();
    });

    it.each(pages)(
      '%s: Chinese, English, Chinese',
      async (what, path) => {
        const p = path();
        if (!p) return;
        await roundTrip(page, p, what);
      },
      90_000,
    );

    it('remembers the chosen language across a reload', async () => {
      await page.goto(`${server.baseUrl}/needs`);
      await settle(page);
      await switchTo(page, 'en');
      await page.reload();
      await settle(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await expectTranslated(page, 'en', 'the needs board after a reload');
      await switchTo(page, 'zh-CN');
    });
  });
});
