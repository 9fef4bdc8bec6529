import express, { type Request, type Router } from 'express';
import { Feed } from 'feed';
import type { DataSource } from 'typeorm';
import { isUuid } from '../shared/ids.js';
import { siteFundId, siteOrigin } from '../shared/site.js';
import type { ActivityService } from './activity.service.js';

/**
 * A fund's public activity as an Atom feed, so partner platforms and
 * foundations can follow it with any feed reader: /funds/<id>/activity.atom,
 * and /activity.atom for the site's (first) fund.
 */
export function activityRouter(deps: {
  activity: ActivityService;
  dataSource: DataSource;
  publicUrl: string | undefined;
}): Router {
  const { activity, dataSource, publicUrl } = deps;
  const router = express.Router();
  const originOf = (req: Request) => siteOrigin(req, publicUrl);

  const serve =
    (fundOf: (req: Request) => Promise<string | null>) =>
    async (req: Request, res: express.Response, next: express.NextFunction) => {
      try {
        const fundId = await fundOf(req);
        const [fund] = fundId
          ? ((await dataSource.query('SELECT id, name, description, region FROM funds WHERE id = $1', [
              fundId,
            ])) as Array<{
              id: string;
              name: string;
              description: string | null;
              region: string;
            }>)
          : [];
        if (!fund) return next();
        const origin = originOf(req);
        const items = await activity.recent(fund.id);
        const self = `${origin}/funds/${fund.id}/activity.atom`;
        const feed = new Feed({
          id: `urn:commonweal:fund:${fund.id}`,
          title: `${fund.name}: activity`,
          description: fund.description ?? fund.region,
          link: `${origin}/`,
          feedLinks: { atom: self },
          updated: items[0]?.at ?? new Date(0),
          copyright: 'Public records of the fund',
          generator: 'Commonweal',
        });
        for (const item of items) {
          feed.addItem({
            id: `urn:commonweal:activity:${item.seq}`,
            title: item.title,
            link: `${origin}${item.path}`,
            date: item.at,
            description: item.summary,
          });
        }
        res.type('application/atom+xml').set('cache-control', 'no-cache').send(feed.atom1());
      } catch (error) {
        next(error);
      }
    };

  router.get(
    '/funds/:id/activity.atom',
    serve(async (req) => (isUuid(String(req.params['id'])) ? String(req.params['id']) : null)),
  );
  router.get(
    '/activity.atom',
    serve(() => siteFundId(dataSource)),
  );
  return router;
}
