import { NeedStatus, Role } from '@commonweal/shared';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Fund } from '../funds/fund.entity.js';
import { Neighborhood } from '../funds/neighborhood.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { ConnectionType, pageSize, type Connection } from '../shared/connection.js';
import { assertId } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { User } from '../users/user.entity.js';
import { Need } from './need.entity.js';
import { CreateNeedInput } from './needs.inputs.js';

@ObjectType()
export class NeedConnection extends ConnectionType(Need, 'Need') {}

@Resolver(() => Need)
export class NeedsResolver {
  @Query(() => NeedConnection)
  needs(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('status', () => NeedStatus, { nullable: true }) status: NeedStatus | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Need>> {
    return ctx.services.needs.list(assertId(fundId, 'fundId'), status ?? null, pageSize(first, 20), after ?? null);
  }

  @Query(() => Need, { nullable: true })
  need(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Need | null> {
    return ctx.loaders.needs.byId.load(assertId(id, 'id'));
  }

  @Authorized(Role.RESIDENT)
  @Mutation(() => Need)
  createNeed(@Arg('input', () => CreateNeedInput) input: CreateNeedInput, @Ctx() ctx: Context): Promise<Need> {
    return ctx.services.needs.create(ctx.viewer!, input);
  }

  @Authorized(Role.RESIDENT)
  @Mutation(() => Need)
  supportNeed(@Arg('needId', () => ID) needId: string, @Ctx() ctx: Context): Promise<Need> {
    return ctx.services.needs.support(ctx.viewer!, assertId(needId, 'needId'));
  }

  @FieldResolver(() => Fund)
  fund(@Root() need: Need, @Ctx() ctx: Context): Promise<Fund> {
    return required(ctx.loaders.funds.byId.load(need.fundId), 'Fund');
  }

  @FieldResolver(() => Neighborhood, { nullable: true })
  neighborhood(@Root() need: Need, @Ctx() ctx: Context): Promise<Neighborhood | null> | null {
    return need.neighborhoodId ? ctx.loaders.funds.neighborhoodById.load(need.neighborhoodId) : null;
  }

  @FieldResolver(() => User)
  author(@Root() need: Need, @Ctx() ctx: Context): Promise<User> {
    return required(ctx.loaders.users.byId.load(need.authorId), 'User');
  }

  @FieldResolver(() => Boolean)
  viewerHasSupported(@Root() need: Need, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.loaders.needs.viewerSupports.load(need.id);
  }

  @FieldResolver(() => [Proposal])
  proposals(@Root() need: Need, @Ctx() ctx: Context): Promise<Proposal[]> {
    return ctx.loaders.proposals.byNeedId.load(need.id);
  }
}
