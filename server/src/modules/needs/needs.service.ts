import { NeedStatus, Role, type Category } from '@commonweal/shared';
import type { DataSource } from 'typeorm';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { Fund } from '../funds/fund.entity.js';
import { Neighborhood } from '../funds/neighborhood.entity.js';
import { decodeCursor, toConnection, type Connection } from '../shared/connection.js';
import { hasRole, type Actor } from '../users/actor.js';
import { Need } from './need.entity.js';

export interface CreateNeedData {
  fundId: string;
  neighborhoodId?: string | null;
  title: string;
  description: string;
  category: Category;
}

export class NeedsService {
  constructor(private readonly dataSource: DataSource) {}

  async create(actor: Actor, data: CreateNeedData): Promise<Need> {
    if (!hasRole(actor, Role.RESIDENT)) throw forbidden('Only residents raise needs');
    return this.dataSource.transaction(async (em) => {
      if (!(await em.existsBy(Fund, { id: data.fundId }))) throw notFound('Fund');
      let neighborhoodId: string | null = null;
      if (data.neighborhoodId) {
        const neighborhood = await em.findOneBy(Neighborhood, { id: data.neighborhoodId });
        if (!neighborhood) throw notFound('Neighborhood');
        if (neighborhood.fundId !== data.fundId) {
          throw badInput('neighborhoodId', 'That neighborhood is not part of this fund');
        }
        neighborhoodId = data.neighborhoodId;
      } else if (actor.user.neighborhoodId) {
        // A resident's need is about where they live unless they say otherwise.
        const home = await em.existsBy(Neighborhood, { id: actor.user.neighborhoodId, fundId: data.fundId });
        neighborhoodId = home ? actor.user.neighborhoodId : null;
      }
      return em.save(
        em.create(Need, {
          fundId: data.fundId,
          neighborhoodId,
          authorId: actor.user.id,
          title: data.title.trim(),
          description: data.description.trim(),
          category: data.category,
          status: NeedStatus.OPEN,
          supportCount: 0,
        }),
      );
    });
  }

  /** Once per resident: a second call changes nothing. */
  async support(actor: Actor, needId: string): Promise<Need> {
    if (!hasRole(actor, Role.RESIDENT)) throw forbidden('Only residents support needs');
    return this.dataSource.transaction(async (em) => {
      const need = await em.findOne(Need, { where: { id: needId }, lock: { mode: 'pessimistic_write' } });
      if (!need) throw notFound('Need');
      if (need.status === NeedStatus.CLOSED) throw conflict('This need is closed');
      const inserted: unknown[] = await em.query(
        `INSERT INTO need_supports (need_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING need_id`,
        [needId, actor.user.id],
      );
      if (inserted.length === 0) return need;
      need.supportCount += 1;
      return em.save(need);
    });
  }

  async list(
    fundId: string,
    status: NeedStatus | null,
    first: number,
    after: string | null,
  ): Promise<Connection<Need>> {
    const cursor = decodeCursor(after);
    const repo = this.dataSource.getRepository(Need);
    const base = () => {
      const qb = repo.createQueryBuilder('n').where('n.fund_id = :fundId', { fundId });
      if (status) qb.andWhere('n.status = :status', { status });
      return qb;
    };
    const page = base()
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(first + 1);
    if (cursor) page.andWhere('(n.created_at, n.id) < (:c_at, :c_id)', { c_at: cursor.createdAt, c_id: cursor.id });
    const [rows, total] = await Promise.all([page.getMany(), base().getCount()]);
    return toConnection(rows, first, total);
  }
}
