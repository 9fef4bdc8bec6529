import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { idLoader } from '../shared/loader-utils.js';
import { createPageLoader } from '../shared/page-loader.js';
import { Campaign, Donation } from './campaign.entity.js';

export interface CampaignTotals {
  raised: bigint;
  donorCount: number;
}

export function createCampaignLoaders(ds: DataSource) {
  const totals = new DataLoader<string, CampaignTotals>(async (campaignIds) => {
    const rows: Array<{ campaign_id: string; raised: string; n: string }> = await ds.query(
      `SELECT campaign_id, sum(amount_minor) AS raised, count(*) AS n FROM donations
        WHERE campaign_id = ANY($1) GROUP BY campaign_id`,
      [campaignIds],
    );
    const map = new Map(rows.map((r) => [r.campaign_id, { raised: BigInt(r.raised), donorCount: Number(r.n) }]));
    return campaignIds.map((id) => map.get(id) ?? { raised: 0n, donorCount: 0 });
  });
  const donationCounts = new DataLoader<string, number>(async (ids) =>
    (await totals.loadMany(ids)).map((t) => (t instanceof Error ? t : t.donorCount)),
  );
  return {
    byId: idLoader((ids) => ds.getRepository(Campaign).findBy({ id: In(ids) })),
    totals,
    /** A page of each campaign's donations, newest first. */
    donations: createPageLoader({
      ds,
      entity: Donation,
      table: 'donations',
      parentColumn: 'campaign_id',
      parentOf: (d) => d.campaignId,
      counts: donationCounts,
      newestFirst: true,
    }),
  };
}
