import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import express, { type Request, type Response, type NextFunction, type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../logger.js';
import { isUuid } from '../shared/ids.js';
import { siteFundId, siteOrigin } from '../shared/site.js';
import { CARD, shareCard } from './share-card.js';
import { PAGE_OF, ShareKind, type Preview, type SharingService } from './sharing.service.js';

const SITE = 'Commonweal';
const DESCRIPTION_MAX = 300;

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The Open Graph and Twitter card tags of a page, and its title. */
export function previewTags(preview: Preview, origin: string): string {
  const url = `${origin}${PAGE_OF[preview.kind](preview.id)}`;
  const image = `${origin}/og/${preview.kind.toLowerCase()}/${preview.id}.png`;
  const title = escapeHtml(preview.title);
  const description = escapeHtml(clip(preview.description, DESCRIPTION_MAX));
  return [
    `<title>${title} · ${SITE}</title>`,
    `<meta name="description" content="${description}" />`,
    `<link rel="canonical" href="${escapeHtml(url)}" />`,
    `<meta property="og:site_name" content="${SITE}" />`,
    `<meta property="og:type" content="website" />`,
    `<meta property="og:title" content="${title}" />`,
    `<meta property="og:description" content="${description}" />`,
    `<meta property="og:url" content="${escapeHtml(url)}" />`,
    `<meta property="og:image" content="${escapeHtml(image)}" />`,
    `<meta property="og:image:width" content="${CARD.width}" />`,
    `<meta property="og:image:height" content="${CARD.height}" />`,
    `<meta name="twitter:card" content="summary_large_image" />`,
    `<meta name="twitter:title" content="${title}" />`,
    `<meta name="twitter:description" content="${description}" />`,
    `<meta name="twitter:image" content="${escapeHtml(image)}" />`,
    ...(preview.kind === ShareKind.FUND
      ? [
          `<link rel="alternate" type="application/atom+xml" title="${title}" href="${escapeHtml(`${origin}/funds/${preview.id}/activity.atom`)}" />`,
        ]
      : []),
  ].join('\n    ');
}

/** The app shell with the page's own title and preview tags in place of the generic ones. */
export function withPreview(shell: string, tags: string): string {
  return shell
    .replace(/<title>[^<]*<\/title>/, '')
    .replace(/<meta name="description"[^>]*>/, '')
    .replace('</head>', `  ${tags}\n  </head>`);
}

const KIND_OF_SEGMENT: Record<string, ShareKind> = {
  proposal: ShareKind.PROPOSAL,
  campaign: ShareKind.CAMPAIGN,
  need: ShareKind.NEED,
  fund: ShareKind.FUND,
};

/**
 * Shared links that show a real preview: the public pages are served with
 * their Open Graph / Twitter card tags in the HTML itself (chat apps and
 * social sites read no JavaScript), each with a generated card image, and
 * short links (/s/<code>) lead to them. Mounted before the app shell.
 */
export function sharingRouter(deps: {
  sharing: SharingService;
  dataSource: DataSource;
  clientDist: string;
  publicUrl: string | undefined;
  logger: Logger;
}): Router {
  const { sharing, dataSource, clientDist, publicUrl, logger } = deps;
  const router = express.Router();
  let shell: Promise<string> | null = null;
  const appShell = () => (shell ??= readFile(join(clientDist, 'index.html'), 'utf8'));
  const originOf = (req: Request) => siteOrigin(req, publicUrl);

  const page =
    (kind: ShareKind, idOf: (req: Request) => Promise<string | null>) =>
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const id = await idOf(req);
        const preview = id ? await sharing.preview(kind, id) : null;
        if (!preview) return next(); // the app shell, as for any other address
        res
          .type('html')
          .set('cache-control', 'no-cache')
          .send(withPreview(await appShell(), previewTags(preview, originOf(req))));
      } catch (error) {
        logger.warn({ err: error }, 'page preview failed; serving the plain app shell');
        next();
      }
    };
  const idParam = async (req: Request) => (isUuid(String(req.params['id'])) ? String(req.params['id']) : null);

  router.get('/proposals/:id', page(ShareKind.PROPOSAL, idParam));
  router.get('/campaigns/:id', page(ShareKind.CAMPAIGN, idParam));
  router.get('/needs/:id', page(ShareKind.NEED, idParam));
  router.get(
    '/',
    page(ShareKind.FUND, () => siteFundId(dataSource)),
  );

  router.get('/og/:kind/:file', async (req, res, next) => {
    try {
      const kind = KIND_OF_SEGMENT[String(req.params['kind'])];
      const id = String(req.params['file']).replace(/\.png$/, '');
      const preview = kind && isUuid(id) ? await sharing.preview(kind, id) : null;
      if (!preview) return next();
      res.type('png').set('cache-control', 'public, max-age=300').send(shareCard(preview.permille));
    } catch (error) {
      next(error);
    }
  });

  router.get('/s/:code', async (req, res, next) => {
    try {
      const code = String(req.params['code']);
      const path = /^[A-Za-z0-9]{4,16}$/.test(code) ? await sharing.resolve(code) : null;
      if (!path) return next();
      res.redirect(302, path);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
